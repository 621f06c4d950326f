package io.tlsconnector.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.tlsconnector.session.SharedStore;

/**
 * Automatic certificates for one virtual host from an ACME CA (RFC 8555), what httpd's mod_md does
 * with {@code MDomain} (FAQ F12, F14, F15, F23). A description only: nothing is contacted until
 * {@code TlsRuntime.start}, which serves the stored certificate (or a short-lived self-signed one while
 * the first is ordered) and renews it in the background.
 *
 * <pre>{@code
 * VirtualHost.builder("www.example.com")
 *     .acme(Acme.builder().directory(URI.create("https://acme-v02.api.letsencrypt.org/directory"))
 *             .contact("mailto:ops@example.com").agreeToTerms().storeDir(Path.of("/var/lib/tls/md")).build())
 *     .build();
 * }</pre>
 */
public final class Acme {
    /** The ALPN protocol of the tls-alpn-01 challenge (RFC 8737). */
    public static final String ACME_TLS_1 = "acme-tls/1";
    /** Where the CA fetches http-01 answers on port 80 (RFC 8555 section 8.3). */
    public static final String HTTP_CHALLENGE_PATH = "/.well-known/acme-challenge/";

    /** How the CA checks that this server controls a name (mod_md {@code MDCAChallenges}). */
    public enum Challenge {
        /** Answered by the TLS connector itself: a ClientHello offering only {@code acme-tls/1} gets the challenge certificate. */
        TLS_ALPN_01("tls-alpn-01"),
        /** Answered by the plain HTTP connector ({@code addHttpRedirect}) under {@link #HTTP_CHALLENGE_PATH}. */
        HTTP_01("http-01"),
        /** A TXT record published through a {@link DnsProvider}. */
        DNS_01("dns-01");

        private final String id;

        Challenge(String id) {
            this.id = id;
        }

        /** The ACME name, e.g. {@code tls-alpn-01}. */
        public String id() {
            return id;
        }

        /** A challenge by its ACME name, as {@code MDCAChallenges} lists them. */
        public static Challenge parse(String id) {
            for (Challenge c : values()) {
                if (c.id.equalsIgnoreCase(id.trim())) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown ACME challenge type '" + id + "'; use tls-alpn-01, http-01 or dns-01");
        }
    }

    private final URI directory;
    private final List<String> contacts;
    private final boolean termsAgreed;
    private final List<Challenge> challenges;
    private final RenewWindow renewWindow;
    private final Path storeDir;
    private final KeySpec keyType;
    private final Optional<Path> caCertificateFile;
    private final Optional<SharedStore> fleetStore;
    private final Optional<DnsProvider> dnsProvider;
    private final List<String> domains;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;

    private Acme(Builder b) {
        this.directory = b.directory;
        this.contacts = List.copyOf(b.contacts);
        this.termsAgreed = b.termsAgreed;
        this.challenges = List.copyOf(b.challenges.isEmpty() ? List.of(Challenge.TLS_ALPN_01, Challenge.HTTP_01) : b.challenges);
        this.renewWindow = b.renewWindow;
        this.storeDir = b.storeDir;
        this.keyType = b.keyType;
        this.caCertificateFile = Optional.ofNullable(b.caCertificateFile);
        this.fleetStore = Optional.ofNullable(b.fleetStore);
        this.dnsProvider = Optional.ofNullable(b.dnsProvider);
        this.domains = List.copyOf(b.domains);
        this.retryDelay = b.retryDelay;
        this.maxRetryDelay = b.maxRetryDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.directory = directory;
        b.contacts.addAll(contacts);
        b.termsAgreed = termsAgreed;
        b.challenges.addAll(challenges);
        b.renewWindow = renewWindow;
        b.storeDir = storeDir;
        b.keyType = keyType;
        b.caCertificateFile = caCertificateFile.orElse(null);
        b.fleetStore = fleetStore.orElse(null);
        b.dnsProvider = dnsProvider.orElse(null);
        b.domains.addAll(domains);
        b.retryDelay = retryDelay;
        b.maxRetryDelay = maxRetryDelay;
        return b;
    }

    /** The CA's directory URL (mod_md {@code MDCertificateAuthority}). */
    public URI directory() {
        return directory;
    }

    /** Account contacts, e.g. {@code mailto:ops@example.com} (mod_md {@code MDContactEmail}). */
    public List<String> contacts() {
        return contacts;
    }

    /** True when the CA's terms of service are accepted (mod_md {@code MDCertificateAgreement accepted}). */
    public boolean termsAgreed() {
        return termsAgreed;
    }

    /** The challenge types to use, in order of preference (default tls-alpn-01, then http-01). */
    public List<Challenge> challenges() {
        return challenges;
    }

    /** When a certificate is renewed, unless the CA's renewal information (RFC 9773) says otherwise. */
    public RenewWindow renewWindow() {
        return renewWindow;
    }

    /** Where account key, certificates and keys are kept (mod_md {@code MDStoreDir}); 0700, keys 0600. */
    public Path storeDir() {
        return storeDir;
    }

    /** The certificate key type (mod_md {@code MDPrivateKeys}); ECDSA P-256 by default. */
    public KeySpec keyType() {
        return keyType;
    }

    /** PEM CA certificates that the ACME server's own HTTPS certificate must chain to (mod_md {@code MDCACertificateFile}). */
    public Optional<Path> caCertificateFile() {
        return caCertificateFile;
    }

    /** A store shared by the servers of a fleet: one of them orders per domain (under a lock), all read the result. */
    public Optional<SharedStore> fleetStore() {
        return fleetStore;
    }

    public Optional<DnsProvider> dnsProvider() {
        return dnsProvider;
    }

    /** The names on the certificate; empty means the virtual host's name and its non-wildcard aliases. */
    public List<String> domains() {
        return domains;
    }

    /** The first retry after a failed order; each further failure doubles it, up to {@link #maxRetryDelay()}. */
    public Duration retryDelay() {
        return retryDelay;
    }

    public Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    @Override
    public String toString() {
        return "Acme[directory=" + directory + ", challenges=" + challenges.stream().map(Challenge::id).toList()
                + ", store=" + storeDir + ", keys=" + keyType + ", renew=" + renewWindow
                + (fleetStore.isPresent() ? ", fleet=" + fleetStore.get().describe() : "") + "]";
    }

    public static final class Builder {
        private URI directory;
        private final List<String> contacts = new ArrayList<>();
        private boolean termsAgreed;
        private final List<Challenge> challenges = new ArrayList<>();
        private RenewWindow renewWindow = RenewWindow.DEFAULT;
        private Path storeDir = Path.of("md");
        private KeySpec keyType = KeySpec.ecP256();
        private Path caCertificateFile;
        private SharedStore fleetStore;
        private DnsProvider dnsProvider;
        private final List<String> domains = new ArrayList<>();
        private Duration retryDelay = Duration.ofSeconds(5); // mod_md MDRetryDelay default
        private Duration maxRetryDelay = Duration.ofHours(6);

        private Builder() {
        }

        public Builder directory(URI url) {
            this.directory = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Adds an account contact; a bare address becomes {@code mailto:}. */
        public Builder contact(String contact) {
            Objects.requireNonNull(contact, "contact");
            contacts.add(contact.contains(":") ? contact : "mailto:" + contact);
            return this;
        }

        public Builder agreeToTerms() {
            this.termsAgreed = true;
            return this;
        }

        /** The challenge types to use, in order of preference. */
        public Builder challenges(Challenge... types) {
            challenges.clear();
            challenges.addAll(new LinkedHashSet<>(List.of(types)));
            return this;
        }

        /** mod_md {@code MDCAChallenges} syntax: {@code tls-alpn-01 http-01}. */
        public Builder challenges(String spec) {
            List<Challenge> parsed = new ArrayList<>();
            for (String id : spec.trim().split("\\s+")) {
                parsed.add(Challenge.parse(id));
            }
            return challenges(parsed.toArray(Challenge[]::new));
        }

        public Builder renewWindow(RenewWindow window) {
            this.renewWindow = Objects.requireNonNull(window, "window");
            return this;
        }

        public Builder storeDir(Path dir) {
            this.storeDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public Builder keyType(KeySpec spec) {
            this.keyType = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /**
         * mod_md {@code MDPrivateKeys} syntax: {@code secp256r1} (default), {@code RSA}, {@code RSA 3072},
         * {@code secp384r1}; the first key type given is used.
         */
        public Builder privateKeys(String spec) {
            String[] words = spec.trim().split("\\s+");
            String first = words[0].toLowerCase(Locale.ROOT);
            if (first.equals("rsa")) {
                int bits = words.length > 1 && words[1].matches("\\d+") ? Integer.parseInt(words[1]) : 2048;
                return keyType(KeySpec.rsa(bits));
            }
            if (first.equals("secp256r1") || first.equals("p-256") || first.equals("prime256v1")) {
                return keyType(KeySpec.ecP256());
            }
            if (first.equals("secp384r1") || first.equals("p-384")) {
                return keyType(KeySpec.ec("secp384r1"));
            }
            throw new IllegalArgumentException("MDPrivateKeys '" + spec + "' is not supported; use RSA [bits], secp256r1 or secp384r1");
        }

        public Builder caCertificateFile(Path pemFile) {
            this.caCertificateFile = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        public Builder fleetStore(SharedStore store) {
            this.fleetStore = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder dnsProvider(DnsProvider provider) {
            this.dnsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The names on the certificate (mod_md {@code MDomain a.example b.example}). */
        public Builder domains(String... names) {
            domains.clear();
            domains.addAll(List.of(names));
            return this;
        }

        /** The first retry delay after a failure (doubling up to {@code max}). */
        public Builder retryDelay(Duration first, Duration max) {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("ACME retry delays must be positive with max >= first, were " + first + " and " + max);
            }
            this.retryDelay = first;
            this.maxRetryDelay = max;
            return this;
        }

        /** Checks the shape; nothing is contacted. */
        public Acme build() {
            if (directory == null) {
                throw new IllegalStateException("ACME needs the CA's directory URL: call directory(URI) (mod_md MDCertificateAuthority)");
            }
            if (!"https".equals(directory.getScheme()) && !"http".equals(directory.getScheme())) {
                throw new IllegalStateException("ACME directory " + directory + " must be an https URL");
            }
            if (!termsAgreed) {
                throw new IllegalStateException("ACME CA " + directory + " requires accepting its terms of service: call agreeToTerms()"
                        + " (mod_md MDCertificateAgreement accepted) after reading them");
            }
            if (challenges.contains(Challenge.DNS_01) && dnsProvider == null) {
                throw new IllegalStateException("ACME challenge dns-01 needs a DnsProvider: call dnsProvider(...) or drop dns-01");
            }
            return new Acme(this);
        }
    }
}

package io.tlsconnector.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.ProtocolSet;
import io.tlsconnector.session.SessionCache;

/**
 * One name-based TLS virtual host (mod_ssl's {@code <VirtualHost>} with its SSL* directives): the
 * names it answers to, its certificates and its own TLS settings. Immutable; build with
 * {@link #builder(String)}.
 */
public final class VirtualHost {
    private static final Pattern HOST_NAME = Pattern.compile(
            "(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final String serverName;
    private final List<String> aliases;
    private final List<CertificateSource> certificates;
    private final ProtocolSet protocols;
    private final String protocolSpec;
    private final List<String> cipherSuites;
    private final Optional<Path> sessionTicketKeyFile;
    private final Optional<SessionCache> sessionCache;

    private VirtualHost(Builder b) {
        this.sessionTicketKeyFile = Optional.ofNullable(b.sessionTicketKeyFile);
        this.sessionCache = Optional.ofNullable(b.sessionCache);
        this.serverName = b.serverName;
        this.aliases = List.copyOf(b.aliases);
        this.certificates = List.copyOf(b.certificates);
        this.protocolSpec = b.protocolSpec;
        this.protocols = b.parsedProtocols;
        this.cipherSuites = b.cipherSuites == null ? List.of() : List.copyOf(b.cipherSuites);
    }

    /** @param serverName the host name clients send in SNI (mod_ssl ServerName); {@code *.example.com} is allowed */
    public static Builder builder(String serverName) {
        return new Builder(serverName);
    }

    public Builder toBuilder() {
        Builder b = new Builder(serverName);
        b.aliases.addAll(aliases);
        b.certificates.addAll(certificates);
        b.protocolSpec = protocolSpec;
        b.cipherSuites = cipherSuites.isEmpty() ? null : new ArrayList<>(cipherSuites);
        b.sessionTicketKeyFile = sessionTicketKeyFile.orElse(null);
        b.sessionCache = sessionCache.orElse(null);
        return b;
    }

    /** The server name, lower case, without a trailing dot. */
    public String serverName() {
        return serverName;
    }

    /** Further names (mod_ssl ServerAlias), lower case; may contain {@code *.} wildcards. */
    public List<String> aliases() {
        return aliases;
    }

    /** The server name followed by the aliases. */
    public List<String> names() {
        List<String> all = new ArrayList<>(1 + aliases.size());
        all.add(serverName);
        all.addAll(aliases);
        return List.copyOf(all);
    }

    /** One or more certificates, e.g. an RSA and an ECDSA one; the handshake picks what the client can verify. */
    public List<CertificateSource> certificates() {
        return certificates;
    }

    /** The protocol versions this host accepts; TLS 1.2 and 1.3 unless set. */
    public ProtocolSet protocols() {
        return protocols;
    }

    /**
     * The cipher suites this host enables, in preference order, as IANA/JSSE names; empty means the
     * provider's defaults.
     */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** This host's session settings: the configuration's, with this host's own ticket-key file and cache if set. */
    public SessionSettings sessions(SessionSettings configured) {
        SessionSettings own = sessionCache.map(configured::withCache).orElse(configured);
        return sessionTicketKeyFile.map(own::withTicketKeyFile).orElse(own);
    }

    @Override
    public String toString() {
        return "VirtualHost[" + serverName + (aliases.isEmpty() ? "" : ", aliases=" + aliases)
                + ", protocols=" + protocols + (cipherSuites.isEmpty() ? "" : ", cipherSuites=" + cipherSuites)
                + ", certificates=" + certificates + "]";
    }

    public static final class Builder {
        private final String serverName;
        private final List<String> aliases = new ArrayList<>();
        private final List<CertificateSource> certificates = new ArrayList<>();
        private String protocolSpec;
        private ProtocolSet parsedProtocols;
        private List<String> cipherSuites;
        private Path sessionTicketKeyFile;
        private SessionCache sessionCache;

        private Builder(String serverName) {
            this.serverName = normalize(Objects.requireNonNull(serverName, "serverName"));
        }

        /** Further names this host answers to (mod_ssl ServerAlias); {@code *.example.com} matches one label. */
        public Builder aliases(String... names) {
            for (String name : names) {
                aliases.add(normalize(Objects.requireNonNull(name, "alias")));
            }
            return this;
        }

        /** Adds a certificate; call again for a second key type (RSA and ECDSA on one host). */
        public Builder certificate(CertificateSource source) {
            certificates.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /** mod_ssl SSLProtocol syntax, e.g. {@code "TLSv1.3"} or {@code "all -SSLv3 -TLSv1 -TLSv1.1"}. */
        public Builder protocols(String spec) {
            this.protocolSpec = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /**
         * The cipher suites to enable, in preference order: IANA/JSSE names separated by colons,
         * commas or spaces, e.g. {@code "TLS_AES_128_GCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}.
         */
        public Builder cipherSuite(String suites) {
            Objects.requireNonNull(suites, "suites");
            this.cipherSuites = Arrays.stream(suites.trim().split("[:,\\s]+"))
                    .filter(s -> !s.isEmpty()).toList();
            return this;
        }

        /** This host's own session-ticket keys (mod_ssl SSLSessionTicketKeyFile in a VirtualHost). */
        public Builder sessionTicketKeyFile(Path file) {
            this.sessionTicketKeyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** This host's own session cache, instead of the configuration's. */
        public Builder sessionCache(SessionCache cache) {
            this.sessionCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /**
         * Checks the shape (names, at least one certificate, protocol syntax); opens no file.
         *
         * @throws TlsConfigException listing every shape problem of this host
         */
        public VirtualHost build() {
            TlsConfigException.Collector problems = new TlsConfigException.Collector();
            collectProblems(problems);
            problems.throwIfAny();
            return new VirtualHost(this);
        }

        void collectProblems(TlsConfigException.Collector problems) {
            for (String name : names()) {
                if (!HOST_NAME.matcher(name).matches() || name.length() > 253) {
                    problems.add(serverName, "server name '" + name + "'",
                            "is not a valid DNS host name (letters, digits and hyphens in dot-separated labels, "
                                    + "optionally starting with '*.').",
                            "use the name clients send in SNI, e.g. 'www.example.com' or '*.example.com'.");
                }
            }
            if (certificates.isEmpty()) {
                problems.add(serverName, "certificate", "no certificate is configured.",
                        "add one with certificate(CertificateSource.pem(certFile, keyFile)).");
            }
            parsedProtocols = ProtocolSet.DEFAULT;
            if (protocolSpec != null) {
                try {
                    parsedProtocols = ProtocolSet.parse(protocolSpec);
                } catch (IllegalArgumentException e) {
                    problems.add(serverName, "protocols", e.getMessage() + ".",
                            "write mod_ssl SSLProtocol syntax, e.g. \"TLSv1.3\" or \"all -SSLv3 -TLSv1 -TLSv1.1\".");
                }
            }
            if (cipherSuites != null && cipherSuites.isEmpty()) {
                problems.add(serverName, "cipherSuite", "the cipher suite list is empty.",
                        "name at least one suite, or leave cipherSuite unset for the provider's defaults.");
            }
        }

        private List<String> names() {
            List<String> all = new ArrayList<>();
            all.add(serverName);
            all.addAll(aliases);
            return all;
        }
    }

    /** Lower case, trailing dot removed: the form names are compared in. */
    public static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}

package io.tlsconnector.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.CipherPolicy;
import io.tlsconnector.cipher.ProtocolSet;
import io.tlsconnector.session.SharedStore;

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
    private final List<String> tls13CipherSuites;
    private final String cipherSpec;
    private final String tls13CipherSpec;
    private final boolean allowInsecureCiphers;
    private final boolean honorCipherOrder;
    private final Path dhParameters;
    private final Set<SslOption> options;
    private final VerifyClient verifyClient;
    private final Path caCertificateFile;
    private final ClientAuth clientAuth;
    private final OcspStapling ocspStapling;
    private final Optional<Path> sessionTicketKeyFile;
    private final Optional<SharedStore> sessionCache;
    private final Optional<Engine> engine;
    private final List<String> groups;
    private final List<PathRule> pathRules;
    private final Optional<Hsts> hsts;
    private final Optional<io.tlsconnector.config.Acme> acme;

    private final Optional<Path> srpVerifierFile;
    private final Optional<String> srpUnknownUserSeed;
    private final boolean sessionTickets;
    private final List<String> signatureAlgorithms;
    private final Optional<String> userName;
    private final int port;

    private VirtualHost(Builder b) {
        this.sessionTickets = b.sessionTickets;
        this.signatureAlgorithms = List.copyOf(b.signatureAlgorithms);
        this.userName = Optional.ofNullable(b.userName);
        this.port = b.port;
        this.srpVerifierFile = Optional.ofNullable(b.srpVerifierFile);
        this.srpUnknownUserSeed = Optional.ofNullable(b.srpUnknownUserSeed);
        this.hsts = Optional.ofNullable(b.hsts);
        this.pathRules = List.copyOf(b.pathRules);
        this.sessionTicketKeyFile = Optional.ofNullable(b.sessionTicketKeyFile);
        this.sessionCache = Optional.ofNullable(b.sessionCache);
        this.engine = Optional.ofNullable(b.engine);
        this.groups = List.copyOf(b.groups);
        this.acme = Optional.ofNullable(b.acme);
        this.serverName = b.serverName;
        this.aliases = List.copyOf(b.aliases);
        this.certificates = List.copyOf(b.certificates);
        this.protocolSpec = b.protocolSpec;
        this.protocols = b.parsedProtocols;
        this.cipherSuites = b.resolvedCiphers == null ? List.of() : b.resolvedCiphers.all();
        this.tls13CipherSuites = b.resolvedCiphers == null ? List.of() : b.resolvedCiphers.tls13();
        this.cipherSpec = b.cipherSpec;
        this.tls13CipherSpec = b.tls13CipherSpec;
        this.allowInsecureCiphers = b.allowInsecureCiphers;
        this.honorCipherOrder = b.honorCipherOrder;
        this.dhParameters = b.dhParameters;
        this.options = Collections.unmodifiableSet(EnumSet.copyOf(b.options));
        this.verifyClient = b.verifyClient;
        this.caCertificateFile = b.caCertificateFile;
        this.clientAuth = b.clientAuth;
        this.ocspStapling = b.ocspStapling;
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
        b.cipherSpec = cipherSpec;
        b.tls13CipherSpec = tls13CipherSpec;
        b.allowInsecureCiphers = allowInsecureCiphers;
        b.honorCipherOrder = honorCipherOrder;
        b.dhParameters = dhParameters;
        b.options.addAll(options);
        b.verifyClient = verifyClient;
        b.caCertificateFile = caCertificateFile;
        b.clientAuth = clientAuth;
        b.ocspStapling = ocspStapling;
        b.sessionTicketKeyFile = sessionTicketKeyFile.orElse(null);
        b.sessionCache = sessionCache.orElse(null);
        b.engine = engine.orElse(null);
        b.groups.addAll(groups);
        b.pathRules.addAll(pathRules);
        b.hsts = hsts.orElse(null);
        b.acme = acme.orElse(null);
        b.srpVerifierFile = srpVerifierFile.orElse(null);
        b.srpUnknownUserSeed = srpUnknownUserSeed.orElse(null);
        b.sessionTickets = sessionTickets;
        b.signatureAlgorithms.addAll(signatureAlgorithms);
        b.userName = userName.orElse(null);
        b.port = port;
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

    /**
     * mod_ssl SSLSRPVerifierFile: the {@code openssl srp} verifier file that enables TLS-SRP on this host
     * (F35); such a host is served by the Bouncy Castle engine, TLS 1.2 only.
     */
    public Optional<Path> srpVerifierFile() {
        return srpVerifierFile;
    }

    /**
     * mod_ssl SSLSRPUnknownUserSeed: the secret from which users missing from the verifier file get a
     * simulated salt, so a wrong password and an unknown user fail alike. Never logged.
     */
    public Optional<String> srpUnknownUserSeed() {
        return srpUnknownUserSeed;
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
     * The cipher suites this host enables, in preference order, as IANA/JSSE names: the TLS 1.3 suites,
     * then the OpenSSL expansion of the cipher string (before narrowing to what the provider
     * implements); empty means the provider's defaults.
     */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** The TLS 1.3 suites among {@link #cipherSuites()}, in preference order. */
    public List<String> tls13CipherSuites() {
        return tls13CipherSuites;
    }

    /** The OpenSSL cipher string as configured (mod_ssl SSLCipherSuite), if any. */
    public Optional<String> cipherSpec() {
        return Optional.ofNullable(cipherSpec);
    }

    /** Whether anonymous, unencrypted and export suites may be enabled (F28); false unless asked for. */
    public boolean allowsInsecureCiphers() {
        return allowInsecureCiphers;
    }

    /** Server cipher preference (mod_ssl SSLHonorCipherOrder, F37); true unless turned off. */
    public boolean honorCipherOrder() {
        return honorCipherOrder;
    }

    /** A PEM file with a {@code BEGIN DH PARAMETERS} block for DHE suites (F36), if configured. */
    public Optional<Path> dhParameters() {
        return Optional.ofNullable(dhParameters);
    }

    /** mod_ssl SSLOptions: which SSL_* variables are exported to servlets (F10); empty unless set. */
    public Set<SslOption> options() {
        return options;
    }

    public boolean hasOption(SslOption option) {
        return options.contains(option);
    }

    /** mod_ssl SSLVerifyClient: whether clients are asked for a certificate; {@link VerifyClient#NONE} unless set. */
    public VerifyClient verifyClient() {
        return verifyClient;
    }

    /** mod_ssl SSLCACertificateFile: the CAs client certificates must chain to, or {@code null}. */
    public Path caCertificateFile() {
        return caCertificateFile;
    }

    /** Verify depth, CA directory, CA names requested and revocation; {@link ClientAuth#DEFAULT} unless set. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** OCSP stapling; {@link OcspStapling#OFF} unless set. */
    public OcspStapling ocspStapling() {
        return ocspStapling;
    }

    /** The engine this host asks for; empty leaves the choice to the configuration. */
    public Optional<Engine> engine() {
        return engine;
    }

    /**
     * The key-exchange groups this host offers, in preference order (OpenSSL names, e.g.
     * {@code X25519MLKEM768}, {@code X25519}, {@code P-256}); empty for the engine's defaults.
     */
    public List<String> groups() {
        return groups;
    }

    /** This host's own HSTS policy, which wins over {@code TlsConfig.Builder.hsts}; empty for the configuration's. */
    public Optional<Hsts> hsts() {
        return hsts;
    }

    /** The per-path rules ({@code <Location>} sections), in the order they apply. */
    public List<PathRule> pathRules() {
        return pathRules;
    }

    /** Automatic certificates from an ACME CA (mod_md MDomain); empty when the certificates are configured. */
    public Optional<io.tlsconnector.config.Acme> acme() {
        return acme;
    }

    /** mod_ssl SSLSessionTickets: false when this host issues no session tickets (sessions resume by id only). */
    public boolean sessionTickets() {
        return sessionTickets;
    }

    /**
     * The signature algorithms this host signs with and asks client certificates for, in preference order
     * (IANA TLS SignatureScheme names, e.g. {@code ecdsa_secp256r1_sha256}); empty for the engine's defaults.
     */
    public List<String> signatureAlgorithms() {
        return signatureAlgorithms;
    }

    /**
     * mod_ssl SSLUserName: the SSL_* variable whose value is the request's remote user, e.g.
     * {@code SSL_CLIENT_S_DN_CN} or {@code SSL_SRP_USER} (F35); empty when unset.
     */
    public Optional<String> userName() {
        return userName;
    }

    /**
     * The port of this host's id {@code servername:port} (mod_ssl's vhost id), which {@code exec:} pass-phrase
     * programs receive; 443 unless set.
     */
    public int port() {
        return port;
    }

    /** This host's session settings: the configuration's, with this host's own ticket-key file and cache if set. */
    public SessionSettings sessions(SessionSettings configured) {
        SessionSettings own = sessionCache.map(configured::withCache).orElse(configured);
        return sessionTicketKeyFile.map(own::withTicketKeyFile).orElse(own);
    }

    @Override
    public String toString() {
        return "VirtualHost[" + serverName + (aliases.isEmpty() ? "" : ", aliases=" + aliases)
                + ", protocols=" + protocols + (cipherSpec == null ? "" : ", cipherSuite=" + cipherSpec)
                + (options.isEmpty() ? "" : ", options=" + options)
                + (verifyClient == VerifyClient.NONE ? "" : ", verifyClient=" + verifyClient + ", caCertificateFile=" + caCertificateFile)
                + (ocspStapling.enabled() ? ", ocspStapling=" + ocspStapling : "")
                + (acme.isPresent() ? ", acme=" + acme.get() : "")
                + srpVerifierFile.map(f -> ", srpVerifierFile=" + f + (srpUnknownUserSeed.isPresent() ? ", srpUnknownUserSeed=***" : "")).orElse("")
                + (sessionTickets ? "" : ", sessionTickets=off")
                + (signatureAlgorithms.isEmpty() ? "" : ", signatureAlgorithms=" + String.join(":", signatureAlgorithms))
                + userName.map(u -> ", userName=" + u).orElse("")
                + ", certificates=" + certificates + "]";
    }

    public static final class Builder {
        private final String serverName;
        private final List<String> aliases = new ArrayList<>();
        private final List<CertificateSource> certificates = new ArrayList<>();
        private String protocolSpec;
        private ProtocolSet parsedProtocols;
        private String cipherSpec;
        private String tls13CipherSpec;
        private CipherPolicy.Resolved resolvedCiphers;
        private boolean allowInsecureCiphers;
        private boolean honorCipherOrder = true;
        private Path dhParameters;
        private final Set<SslOption> options = EnumSet.noneOf(SslOption.class);
        private VerifyClient verifyClient = VerifyClient.NONE;
        private Path caCertificateFile;
        private ClientAuth clientAuth = ClientAuth.DEFAULT;
        private OcspStapling ocspStapling = OcspStapling.OFF;
        private Path sessionTicketKeyFile;
        private SharedStore sessionCache;
        private Engine engine;
        private final List<String> groups = new ArrayList<>();
        private final List<PathRule> pathRules = new ArrayList<>();
        private Hsts hsts;
        private io.tlsconnector.config.Acme acme;
        private Path srpVerifierFile;
        private String srpUnknownUserSeed;
        private boolean sessionTickets = true;
        private final List<String> signatureAlgorithms = new ArrayList<>();
        private String userName;
        private int port = io.tlsconnector.passphrase.PassPhraseRequest.DEFAULT_PORT;

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
         * The TLS &le; 1.2 suites as an OpenSSL cipher string (mod_ssl SSLCipherSuite), e.g.
         * {@code "HIGH:!aNULL:!MD5"} or {@code "ECDHE+AESGCM:@STRENGTH"}; expanded exactly as OpenSSL 3.0
         * expands it (see {@link io.tlsconnector.cipher.CipherString}). Plain lists of IANA names work
         * too; TLS 1.3 names in the list become the TLS 1.3 suites unless {@code cipherSuite("TLSv1.3", ...)}
         * sets them. Anonymous and unencrypted suites are left out unless {@link #allowInsecureCiphers()}.
         */
        public Builder cipherSuite(String spec) {
            this.cipherSpec = Objects.requireNonNull(spec, "spec");
            return this;
        }

        /**
         * mod_ssl's two-argument form: {@code cipherSuite("SSL", "HIGH:!aNULL")} for TLS &le; 1.2, or
         * {@code cipherSuite("TLSv1.3", "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256")} for TLS 1.3.
         */
        public Builder cipherSuite(String protocol, String spec) {
            Objects.requireNonNull(spec, "spec");
            if ("TLSv1.3".equalsIgnoreCase(protocol)) {
                this.tls13CipherSpec = spec;
            } else if ("SSL".equalsIgnoreCase(protocol)) {
                this.cipherSpec = spec;
            } else {
                throw new IllegalArgumentException("cipherSuite(\"" + protocol + "\", ...): the protocol must be "
                        + "\"SSL\" (TLS 1.2 and older) or \"TLSv1.3\", as in mod_ssl's SSLCipherSuite");
            }
            return this;
        }

        /** Lets the cipher string enable anonymous (aNULL), unencrypted (eNULL) and export suites (F28). */
        public Builder allowInsecureCiphers() {
            this.allowInsecureCiphers = true;
            return this;
        }

        /** mod_ssl SSLHonorCipherOrder (F37): true picks the server's preferred suite, false the client's. */
        public Builder honorCipherOrder(boolean honor) {
            this.honorCipherOrder = honor;
            return this;
        }

        /**
         * A PEM file holding {@code -----BEGIN DH PARAMETERS-----} for DHE suites (mod_ssl reads them from
         * the certificate file, which is used when this is unset) (F36).
         */
        public Builder dhParameters(Path pemFile) {
            this.dhParameters = Objects.requireNonNull(pemFile, "pemFile");
            return this;
        }

        /** Adds mod_ssl SSLOptions, e.g. {@code options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA)}. */
        public Builder options(SslOption... added) {
            for (SslOption option : added) {
                options.add(Objects.requireNonNull(option, "option"));
            }
            return this;
        }

        /**
         * mod_ssl SSLVerifyClient; every mode but {@link VerifyClient#NONE} needs {@link #caCertificateFile(Path)}
         * or {@link #caCertificatePath(Path)}.
         */
        public Builder verifyClient(VerifyClient mode) {
            this.verifyClient = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** mod_ssl SSLCACertificateFile: PEM certificates of the CAs that issue client certificates. */
        public Builder caCertificateFile(Path file) {
            this.caCertificateFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** mod_ssl SSLVerifyDepth: the most CA certificates above the client's (default 1). */
        public Builder verifyDepth(int depth) {
            this.clientAuth = clientAuth.withVerifyDepth(depth);
            return this;
        }

        /** mod_ssl SSLCACertificatePath: a directory of CA certificates, with or without hash links (F21). */
        public Builder caCertificatePath(Path dir) {
            this.clientAuth = clientAuth.withCaCertificatePath(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        /** The remaining client-certificate settings (CA names requested, CRLs, revocation checks). */
        public Builder clientAuth(ClientAuth settings) {
            this.clientAuth = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Staples OCSP responses for this host's certificates (mod_ssl SSLUseStapling). */
        public Builder ocspStapling(OcspStapling stapling) {
            this.ocspStapling = Objects.requireNonNull(stapling, "stapling");
            return this;
        }

        /** This host's own session-ticket keys (mod_ssl SSLSessionTicketKeyFile in a VirtualHost). */
        public Builder sessionTicketKeyFile(Path file) {
            this.sessionTicketKeyFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Enables TLS-SRP (RFC 5054) from a verifier file written by {@code openssl srp -srpvfile FILE -add USER}
         * (mod_ssl SSLSRPVerifierFile, F35). The cipher string decides who may connect: {@code SRP} beside
         * certificate suites serves both, {@code "!DSS:!aRSA:SRP"} only password clients. The host is served
         * by the Bouncy Castle engine over TLS 1.2; the file is read by {@code TlsRuntime.start}.
         */
        public Builder srpVerifierFile(Path verifierFile) {
            this.srpVerifierFile = Objects.requireNonNull(verifierFile, "verifierFile");
            return this;
        }

        /**
         * mod_ssl SSLSRPUnknownUserSeed: users missing from the verifier file get a salt derived from this
         * secret and a random verifier, as OpenSSL does, so their handshake fails exactly as a wrong
         * password does. Without it, an unknown user gets the unknown_psk_identity alert (as in mod_ssl).
         */
        public Builder srpUnknownUserSeed(String seed) {
            this.srpUnknownUserSeed = Objects.requireNonNull(seed, "seed");
            return this;
        }


        /** This host's own session cache, instead of the configuration's. */
        public Builder sessionCache(SharedStore cache) {
            this.sessionCache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Serves this host on {@code engine} whatever the configuration's choice; start-up fails if it cannot. */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Gets this host's certificate from an ACME CA (mod_md MDomain), kept and renewed by the runtime;
         * such a host configures no {@link #certificate(CertificateSource)} of its own.
         */
        public Builder acme(io.tlsconnector.config.Acme settings) {
            this.acme = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The key-exchange groups to offer, in preference order, in OpenSSL's colon-separated syntax
         * ({@code SSLOpenSSLConfCmd Groups X25519MLKEM768:X25519:P-256}); {@code Curves} is the same list.
         */
        public Builder groups(String spec) {
            groups.clear();
            for (String group : Objects.requireNonNull(spec, "groups").split("[:,\\s]+")) {
                if (!group.isBlank()) {
                    groups.add(group.trim());
                }
            }
            return this;
        }

        /** This host's HSTS policy (httpd's per-host {@code Header always set Strict-Transport-Security}); {@link Hsts#NONE} sends none. */
        public Builder hsts(Hsts policy) {
            this.hsts = Objects.requireNonNull(policy, "hsts");
            return this;
        }

        /**
         * Adds a per-path rule (httpd's {@code <Location>} with SSLRequire, SSLOptions, SSLVerifyClient require):
         * the connector applies it to every request whose path it matches, after the rules added before it.
         */
        public Builder pathRule(PathRule rule) {
            pathRules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * mod_ssl SSLSessionTickets: {@code false} issues no session tickets, so sessions resume only by
         * session id (from the session cache). Honoured per host by the BoringSSL engine; JSSE on JDK 17 turns
         * tickets off only process-wide ({@code -Djdk.tls.server.enableSessionTicketExtension=false}), so a host
         * served by JSSE without that property fails to start.
         */
        public Builder sessionTickets(boolean enabled) {
            this.sessionTickets = enabled;
            return this;
        }

        /**
         * The signature algorithms to sign with and to accept from client certificates, in preference order, in
         * OpenSSL's syntax ({@code SSLOpenSSLConfCmd SignatureAlgorithms ECDSA+SHA256:RSA-PSS+SHA256:rsa_pkcs1_sha256}):
         * {@code KEY+HASH} pairs or TLS SignatureScheme names. Honoured by JSSE; the BoringSSL engine in
         * netty-tcnative has no such setting, so such a host is served by JSSE.
         */
        public Builder signatureAlgorithms(String spec) {
            signatureAlgorithms.clear();
            for (String name : Objects.requireNonNull(spec, "signatureAlgorithms").split("[:,\\s]+")) {
                if (!name.isBlank()) {
                    signatureAlgorithms.add(name.trim());
                }
            }
            return this;
        }

        /**
         * mod_ssl SSLUserName: the request's remote user ({@code getRemoteUser()}) is the value of this SSL_*
         * variable, e.g. {@code SSL_CLIENT_S_DN_CN}; a request where it is empty keeps the container's own user.
         */
        public Builder userName(String sslVariable) {
            this.userName = Objects.requireNonNull(sslVariable, "sslVariable");
            return this;
        }

        /**
         * The port in this host's id {@code servername:port}, which {@code exec:} pass-phrase programs receive: mod_ssl
         * takes it from {@code ServerName host:port}, else 443. It does not change where the host is served.
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
            this.port = port;
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
            if (certificates.isEmpty() && acme == null) {
                problems.add(serverName, "certificate", "no certificate is configured.",
                        "add one with certificate(CertificateSource.pem(certFile, keyFile)), or get one from a CA with acme(...).");
            }
            if (!certificates.isEmpty() && acme != null) {
                problems.add(serverName, "acme", "gets its certificate from the ACME CA " + acme.directory()
                                + " but also configures " + certificates.get(0).describe() + ".",
                        "drop certificate(...) (or SSLCertificateFile) from this host, or drop acme(...) (MDomain).");
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
            if (verifyClient != VerifyClient.NONE && caCertificateFile == null && clientAuth.caCertificatePath() == null) {
                problems.add(serverName, "verifyClient", "is " + verifyClient + " but neither caCertificateFile nor"
                                + " caCertificatePath names the CAs client certificates are checked against.",
                        "add caCertificateFile(Path.of(\"clients-ca.pem\")) or caCertificatePath(dir), or leave verifyClient at NONE.");
            }
            clientAuth.collectProblems(serverName, problems);
            for (PathRule rule : pathRules) {
                if (rule.requiresVerifiedClient() && verifyClient == VerifyClient.NONE) {
                    problems.add(serverName, rule + " SSLVerifyClient require", "asks for a verified client certificate on"
                                    + " some paths, but the virtual host does not ask clients for certificates at all, and the"
                                    + " connector does not renegotiate to ask later.",
                            "move these paths to a virtual host of their own with verifyClient(REQUIRE), or set this host's"
                                    + " verifyClient to OPTIONAL (SSLVerifyClient optional) so paths can demand a certificate.");
                }
            }
            if (srpUnknownUserSeed != null && srpVerifierFile == null) {
                problems.add(serverName, "srpUnknownUserSeed", "is set but srpVerifierFile is not, so TLS-SRP is off.",
                        "add srpVerifierFile(Path.of(\"passwd.srpv\")) (SSLSRPVerifierFile), or drop the seed.");
            }
            if (srpUnknownUserSeed != null && srpUnknownUserSeed.isEmpty()) {
                problems.add(serverName, "srpUnknownUserSeed", "is empty.", "use a long random secret (e.g. openssl rand -hex 32).");
            }
            for (String group : groups) {
                if (KeyExchangeGroups.canonical(group) == null) {
                    problems.add(serverName, "groups " + String.join(":", groups), "'" + group + "' is not a key-exchange group.",
                            "name groups as OpenSSL does: " + String.join(", ", KeyExchangeGroups.KNOWN) + ".");
                }
            }
            for (String algorithm : signatureAlgorithms) {
                if (SignatureAlgorithms.scheme(algorithm) == null) {
                    problems.add(serverName, "signatureAlgorithms " + String.join(":", signatureAlgorithms), "'" + algorithm
                            + "' is not a TLS signature algorithm.", "name them as OpenSSL does: KEY+HASH (" + SignatureAlgorithms.PAIRS
                            + ") or a scheme name such as ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, ed25519.");
                }
            }
            if (userName != null && !userName.matches("SSL_[A-Z0-9_]+")) {
                problems.add(serverName, "userName " + userName, "is not an SSL_* variable name.",
                        "name the variable as mod_ssl's SSLUserName does, e.g. SSL_CLIENT_S_DN_CN.");
            }
            resolvedCiphers = null;
            if (cipherSpec != null && cipherSpec.isBlank()) {
                problems.add(serverName, "cipherSuite", "the cipher suite list is empty.",
                        "name at least one suite, or leave cipherSuite unset for the provider's defaults.");
            } else if (cipherSpec != null || tls13CipherSpec != null) {
                resolvedCiphers = CipherPolicy.resolve(serverName, cipherSpec, tls13CipherSpec, allowInsecureCiphers, problems);
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

package io.tlsconnector.internal.engine;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.KeyExchangeGroups;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.SignatureAlgorithms;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.session.InMemoryStore;
import io.tlsconnector.session.TicketKeys;

/**
 * Builds the {@link LoadedHost} of one virtual host from its loaded key material: the SSLContext,
 * and the protocol and cipher-suite lists checked against what the provider supports.
 */
public final class HostLoader {
    private static final Logger log = LoggerFactory.getLogger(HostLoader.class);
    private static final Set<String> INSECURE_PROTOCOLS = Set.of("SSLv3", "TLSv1", "TLSv1.1");
    /** What one cached session is reckoned to cost in an engine's own cache, to turn a byte budget into entries. */
    static final int ESTIMATED_SESSION_BYTES = 2048;
    /** JSSE's own default entry limit (platform-facts.md §1b). */
    private static final int DEFAULT_SESSION_ENTRIES = 20480;
    /** The system property JSSE reads when it makes an SSLContext's server session cache. */
    static final String JSSE_TICKETS = "jdk.tls.server.enableSessionTicketExtension";

    private HostLoader() {
    }

    /**
     * @throws TlsConfigException naming every protocol or cipher suite the provider cannot use
     */
    public static LoadedHost build(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random) {
        return build(host, certificates, random, SessionSettings.DEFAULT, Optional.empty());
    }

    /**
     * As {@link #build(VirtualHost, List, SecureRandom)}, with the configuration's session settings (which
     * the host may override) and engine choice ({@link EngineChoice}).
     *
     * @throws TlsConfigException also when the engine the host needs cannot run here
     */
    public static LoadedHost build(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random,
                                    SessionSettings configured, Optional<Engine> configuredEngine) {
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        Engine engine = EngineChoice.choose(host, configuredEngine, host.sessions(configured), problems);
        problems.throwIfAny();
        if (!host.ocspStapling().enabled()) {
            return buildContext(host, certificates, random, configured, engine, configuredEngine, null);
        }
        if (engine == Engine.BORINGSSL) {
            NativeStaple staple = NativeStaple.fetch(host.ocspStapling(), certificates.get(0));
            LoadedHost built = buildContext(host, certificates, random, configured, engine, configuredEngine, staple.response());
            built.ocspStatus(staple.status());
            return built;
        }
        try {
            return Stapling.withProperties(Stapling.propertiesFor(host.ocspStapling()), () -> {
                LoadedHost built = buildContext(host, certificates, random, configured, engine, configuredEngine, null);
                built.ocspStatus(Stapling.prime(built, host.ocspStapling().timeout()));
                return built;
            });
        } catch (TlsConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("building the stapling context of '" + host.serverName() + "' failed", e);
        }
    }

    /**
     * A fresh context for the same host, key material, session settings and engine choice, e.g. to fetch
     * a newer OCSP response; the caller decides whether to serve it.
     */
    public static LoadedHost rebuild(LoadedHost current, SecureRandom random) {
        return build(current.virtualHost(), current.certificates(), random, current.configuredSessions(),
                current.configuredEngine());
    }

    private static LoadedHost buildContext(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random,
                                            SessionSettings configured, Engine engine, Optional<Engine> configuredEngine,
                                            byte[] ocspResponse) {
        SSLContext context;
        VirtualHostKeyManager keyManager = new VirtualHostKeyManager(certificates);
        ClientCertificateVerifier clientVerifier = new ClientCertificateVerifier(host, ClientTrust.load(host));
        try {
            context = newContext(host);
            context.init(new KeyManager[] {keyManager}, ClientTrust.trustManagers(host, clientVerifier), random);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), "SSLContext",
                    "the TLS provider could not create a context: " + e.getMessage(),
                    "check the JDK's security configuration (java.security) and the TLS provider on the class path.")), e);
        }
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        SSLParameters supported = context.getSupportedSSLParameters();
        String[] protocols = chooseProtocols(host, supported, problems);
        if (engine == Engine.BCTLS) {
            problems.throwIfAny();
            return srpContext(host, context, certificates, random, configured, configuredEngine, protocols, clientVerifier);
        }
        String[] jsseDefault = context.getDefaultSSLParameters().getCipherSuites();
        Set<String> jsseSuites = Set.of(supported.getCipherSuites());
        Set<String> implemented = engine == Engine.BORINGSSL ? BoringSsl.implementedSuites() : jsseSuites;
        String[] suites = SuiteSelection.choose(host,
                engine == Engine.BORINGSSL ? engine.displayName() : context.getProvider().getName(), implemented, jsseDefault, protocols, certificates, problems);
        problems.throwIfAny();
        SessionSettings sessions = host.sessions(configured);
        HostEngineFactory engines = engine == Engine.BORINGSSL
                ? boringSsl(host, certificates, clientVerifier, protocols, suites, sessions, random, ocspResponse)
                : jsse(host, context, protocols, suites, sessions);
        log.info("Virtual host '{}': {} engine{}", host.serverName(), engines.name(), sessions.sharedAcrossProcesses()
                ? ", session-ticket keys from " + EngineChoice.sharingSetting(sessions) : "");
        if (engine == Engine.BORINGSSL && host.cipherSuites().size() > 0) {
            List<String> unserved = host.cipherSuites().stream().filter(s -> !implemented.contains(s))
                    .filter(jsseSuites::contains).toList();
            if (!unserved.isEmpty()) {
                log.info("Virtual host '{}': BoringSSL does not implement {} of its configured suites, which JSSE would serve: {}"
                        + " (engine(Engine.JSSE) serves them)", host.serverName(), unserved.size(), unserved);
            }
        }
        if (engine == Engine.BORINGSSL && host.verifyClient() != io.tlsconnector.config.VerifyClient.NONE) {
            log.info("Virtual host '{}': BoringSSL asks clients for RSA or ECDSA certificates only (netty-tcnative cannot"
                    + " enable Ed25519/Ed448 client signatures); a client with such a key sends none. engine(Engine.JSSE)"
                    + " accepts them", host.serverName());
        }
        if (engine == Engine.JSSE && !host.groups().isEmpty()) {
            log.warn("Virtual host '{}': groups {} are not applied: JSSE on this JDK takes key-exchange groups only"
                    + " process-wide (jdk.tls.namedGroups) and has no ML-KEM hybrid; serve the host on BoringSSL to use them",
                    host.serverName(), String.join(":", host.groups()));
        }
        return new LoadedHost(host, context, certificates, protocols, suites, clientVerifier, configured, engines, configuredEngine);
    }

    /** A TLS-SRP host (F35): its verifier file read, TLS 1.2 only, on Bouncy Castle's engine. */
    private static LoadedHost srpContext(VirtualHost host, SSLContext context, List<KeyMaterial> certificates, SecureRandom random,
                                          SessionSettings configured, Optional<Engine> configuredEngine, String[] protocols,
                                          ClientCertificateVerifier clientVerifier) {
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        String file = "srpVerifierFile " + host.srpVerifierFile().get();
        if (!List.of(protocols).contains("TLSv1.2")) {
            problems.add(host.serverName(), "protocols " + List.of(protocols), "leaves out TLSv1.2, the only version with SRP"
                            + " (RFC 5054; TLS 1.3 has no SRP), so the host's " + file + " could never be used.",
                    "enable TLSv1.2 (e.g. protocols(\"TLSv1.2 +TLSv1.3\")), or drop srpVerifierFile.");
            problems.throwIfAny();
        }
        if (List.of(protocols).contains("TLSv1.3")) {
            log.warn("Virtual host '{}': served over TLS 1.2 only, though it enables {}: SRP does not exist in TLS 1.3 and the"
                    + " TLS-SRP engine speaks TLS 1.2 to every client of this host", host.serverName(), List.of(protocols));
        }
        String[] tls12 = {"TLSv1.2"};
        Set<String> implemented = BcSrpEngineFactory.IMPLEMENTED.keySet();
        VirtualHost effective = host;
        if (host.cipherSuites().isEmpty()) {
            // OpenSSL's DEFAULT, as mod_ssl without SSLCipherSuite: it has the SRP suites.
            effective = host.toBuilder().cipherSuite("DEFAULT").build();
        }
        String[] suites = SuiteSelection.choose(effective, Engine.BCTLS.displayName(), implemented, new String[0], tls12,
                certificates, problems);
        if (suites.length > 0 && java.util.Arrays.stream(suites).noneMatch(s -> s.startsWith("TLS_SRP_"))) {
            problems.add(host.serverName(), "cipherSuite" + host.cipherSpec().map(s -> " \"" + s + "\"").orElse(""),
                    "enables no SRP suite, so the host's " + file + " could never be used.",
                    "add SRP to the cipher string (e.g. \"SRP:HIGH:!aNULL\", or \"!DSS:!aRSA:SRP\" for password clients only).");
        }
        problems.throwIfAny();
        SrpVerifiers verifiers = SrpVerifiers.read(host.serverName(), host.srpVerifierFile().get(),
                host.srpUnknownUserSeed().orElse(null), random);
        if (host.verifyClient() != io.tlsconnector.config.VerifyClient.NONE) {
            log.warn("Virtual host '{}': verifyClient {} is not applied: the TLS-SRP engine asks for no client certificate"
                    + " (as mod_ssl, which turns SSLVerifyClient off for SRP logins)", host.serverName(), host.verifyClient());
        }
        HostEngineFactory engines = new BcSrpEngineFactory(host.serverName(), verifiers, certificates, suites, host.honorCipherOrder(), random);
        log.info("Virtual host '{}': {} engine, TLS-SRP with {} user(s) from {}{}, suites {}", host.serverName(), engines.name(),
                verifiers.size(), host.srpVerifierFile().get(), host.srpUnknownUserSeed().isPresent()
                        ? " (unknown users simulated from srpUnknownUserSeed)" : " (unknown users get unknown_psk_identity: set"
                        + " srpUnknownUserSeed so they fail as a wrong password does)", List.of(suites));
        return new LoadedHost(host, context, certificates, tls12, suites, clientVerifier, configured, engines, configuredEngine);
    }

    private static HostEngineFactory jsse(VirtualHost host, SSLContext context, String[] protocols, String[] suites,
                                    SessionSettings sessions) {
        SSLSessionContext cache = context.getServerSessionContext();
        cache.setSessionTimeout((int) Math.min(Integer.MAX_VALUE, sessions.timeout().toSeconds()));
        cache.setSessionCacheSize(sessionEntries(sessions));
        return new JsseEngineFactory(context, protocols, suites, host.honorCipherOrder(), host.verifyClient(),
                host.signatureAlgorithms().stream().map(SignatureAlgorithms::scheme).toList());
    }

    /**
     * JSSE's context; with {@code sessionTickets(false)} its server session cache is made while
     * {@value #JSSE_TICKETS} is false, the one moment JSSE reads it (one SSLSessionContext per SSLContext), so
     * this host alone issues no tickets (SSLSessionTickets off).
     */
    private static SSLContext newContext(VirtualHost host) throws GeneralSecurityException {
        if (host.sessionTickets()) {
            return SSLContext.getInstance("TLS");
        }
        try {
            return Stapling.withProperties(Collections.singletonMap(JSSE_TICKETS, "false"), () -> SSLContext.getInstance("TLS"));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("creating the TLS context of '" + host.serverName() + "' failed", e);
        }
    }

    private static HostEngineFactory boringSsl(VirtualHost host, List<KeyMaterial> certificates, ClientCertificateVerifier verifier,
                                         String[] protocols, String[] suites, SessionSettings sessions, SecureRandom random,
                                         byte[] ocspResponse) {
        boolean shared = sessions.sharedAcrossProcesses();
        String setting = shared ? EngineChoice.sharingSetting(sessions) : "engine";
        TicketKeys keys = sessions.ticketKeyFile().isPresent()
                ? TicketKeys.read(sessions.ticketKeyFile().get(), host.serverName())
                : TicketKeys.generate(random, shared ? "this server, until the shared store answers" : "this server");
        List<String> groups = host.groups().isEmpty() ? KeyExchangeGroups.DEFAULT
                : host.groups().stream().map(KeyExchangeGroups::canonical).toList();
        BoringSslEngineFactory.Settings settings = new BoringSslEngineFactory.Settings(host.serverName(), certificates, verifier,
                host.verifyClient(), protocols, List.of(suites), groups, host.honorCipherOrder(),
                sessions.timeout(), sessionEntries(sessions), host.ocspStapling().enabled(), ocspResponse, host.sessionTickets());
        try {
            return new BoringSslEngineFactory(settings, keys, shared);
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), setting,
                    "the " + BoringSslEngineFactory.NAME + " engine refused this host's settings: " + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"),
                    "use protocols, cipher suites and groups BoringSSL supports (TLSv1.2, TLSv1.3; ECDHE with AES-GCM or"
                            + " ChaCha20; X25519MLKEM768, X25519, P-256, P-384), or serve the host on Engine.JSSE.")), e);
        }
    }

    private static int sessionEntries(SessionSettings sessions) {
        return sessions.cache().filter(InMemoryStore.class::isInstance).map(InMemoryStore.class::cast)
                .map(c -> (int) Math.max(1, Math.min(Integer.MAX_VALUE, c.maxBytes() / ESTIMATED_SESSION_BYTES)))
                .orElse(DEFAULT_SESSION_ENTRIES);
    }

    private static String[] chooseProtocols(VirtualHost host, SSLParameters supported, TlsConfigException.Collector problems) {
        Set<String> available = Set.of(supported.getProtocols());
        List<String> enabled = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (String protocol : host.protocols().protocols()) {
            (available.contains(protocol) ? enabled : unavailable).add(protocol);
        }
        if (enabled.isEmpty()) {
            problems.add(host.serverName(), "protocols", "none of " + host.protocols().protocols()
                            + " is supported by the TLS provider (it supports " + List.of(supported.getProtocols()) + ").",
                    "enable TLSv1.2 and/or TLSv1.3, e.g. protocols(\"TLSv1.2 +TLSv1.3\").");
        }
        return enabled.toArray(String[]::new);
    }

    /** True for protocol versions that are broken or deprecated (RFC 8996). */
    public static boolean isInsecure(String protocol) {
        return INSECURE_PROTOCOLS.contains(protocol);
    }
}

package io.tlsconnector.engine;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.session.InMemorySessionCache;
import io.tlsconnector.session.TicketKeys;

/**
 * Builds the {@link HostContext} of one virtual host from its loaded key material: the SSLContext,
 * and the protocol and cipher-suite lists checked against what the provider supports.
 */
public final class HostContextFactory {
    private static final Logger log = LoggerFactory.getLogger(HostContextFactory.class);
    private static final Set<String> INSECURE_PROTOCOLS = Set.of("SSLv3", "TLSv1", "TLSv1.1");
    /** What one cached session is reckoned to cost in an engine's own cache, to turn a byte budget into entries. */
    static final int ESTIMATED_SESSION_BYTES = 2048;
    /** JSSE's own default entry limit (platform-facts.md §1b). */
    private static final int DEFAULT_SESSION_ENTRIES = 20480;

    private HostContextFactory() {
    }

    /**
     * @throws TlsConfigException naming every protocol or cipher suite the provider cannot use
     */
    public static HostContext build(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random) {
        return build(host, certificates, random, SessionSettings.DEFAULT);
    }

    /**
     * As {@link #build(VirtualHost, List, SecureRandom)}, with the configuration's session settings (which
     * the host may override); they choose the engine: BoringSSL when sessions must resume across servers.
     *
     * @throws TlsConfigException also when the engine those settings need cannot run here
     */
    public static HostContext build(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random,
                                    SessionSettings configured) {
        if (!host.ocspStapling().enabled()) {
            return buildContext(host, certificates, random, configured);
        }
        try {
            return Stapling.withProperties(Stapling.propertiesFor(host.ocspStapling()), () -> {
                HostContext built = buildContext(host, certificates, random, configured);
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
     * A fresh context for the same host, key material and session settings, e.g. to fetch a newer OCSP
     * response; the caller decides whether to serve it.
     */
    public static HostContext rebuild(HostContext current, SecureRandom random) {
        return build(current.virtualHost(), current.certificates(), random, current.sessionSettings());
    }

    private static HostContext buildContext(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random,
                                            SessionSettings configured) {
        SSLContext context;
        VirtualHostKeyManager keyManager = new VirtualHostKeyManager(certificates);
        ClientCertificateVerifier clientVerifier = new ClientCertificateVerifier(host, ClientTrust.load(host));
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, ClientTrust.trustManagers(host, clientVerifier), random);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), "SSLContext",
                    "the TLS provider could not create a context: " + e.getMessage(),
                    "check the JDK's security configuration (java.security) and the TLS provider on the class path.")), e);
        }
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        SSLParameters supported = context.getSupportedSSLParameters();
        String[] protocols = chooseProtocols(host, supported, problems);
        String[] suites = SuiteSelection.choose(host, context, supported, protocols, certificates, problems);
        problems.throwIfAny();
        SessionSettings sessions = host.sessions(configured);
        HostEngines engines = sessions.sharedAcrossProcesses()
                ? boringSsl(host, keyManager, protocols, sessions, random)
                : jsse(context, protocols, suites, sessions);
        log.info("Virtual host '{}': {} engine{}", host.serverName(), engines.name(), sessions.sharedAcrossProcesses()
                ? ", session-ticket keys from " + sharingSetting(sessions) : "");
        return new HostContext(host, context, certificates, protocols, suites, clientVerifier, sessions, engines);
    }

    private static HostEngines jsse(SSLContext context, String[] protocols, String[] suites, SessionSettings sessions) {
        SSLSessionContext cache = context.getServerSessionContext();
        cache.setSessionTimeout((int) Math.min(Integer.MAX_VALUE, sessions.timeout().toSeconds()));
        cache.setSessionCacheSize(sessionEntries(sessions));
        return new JsseHostEngines(context, protocols, suites);
    }

    private static HostEngines boringSsl(VirtualHost host, VirtualHostKeyManager keyManager, String[] protocols,
                                         SessionSettings sessions, SecureRandom random) {
        String setting = sharingSetting(sessions);
        BoringSsl.unavailability().ifPresent(reason -> {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), setting,
                    "asks for sessions that resume on every server, which needs the " + BoringSslHostEngines.NAME
                            + " engine (JSSE cannot share session-ticket keys), but " + reason + ".",
                    "add io.netty:netty-handler and io.netty:netty-tcnative-boringssl-static (classifier for this platform)"
                            + " to the class path, or remove " + setting + " to keep sessions on each server.")));
        });
        if (host.verifyClient() != VerifyClient.NONE) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), setting,
                    "asks for the " + BoringSslHostEngines.NAME + " engine (sessions shared across servers), which does not"
                            + " verify client certificates yet, while verifyClient is " + host.verifyClient() + ".",
                    "keep sessions on each server for this host (remove " + setting + "), or drop client verification.")));
        }
        TicketKeys keys = sessions.ticketKeyFile().isPresent()
                ? TicketKeys.read(sessions.ticketKeyFile().get(), host.serverName())
                : TicketKeys.generate(random, "this server, until the shared store answers");
        try {
            return new BoringSslHostEngines(host.serverName(), keyManager, protocols, host.cipherSuites(), sessions.timeout(),
                    sessionEntries(sessions), keys);
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), setting,
                    "needs the " + BoringSslHostEngines.NAME + " engine, which refused this host's settings: " + e.getMessage(),
                    "use protocols and cipher suites BoringSSL supports (TLSv1.2, TLSv1.3; ECDHE with AES-GCM or ChaCha20),"
                            + " or remove " + setting + ".")), e);
        }
    }

    /** The setting that asks for sessions shared across servers, as a message names it. */
    private static String sharingSetting(SessionSettings sessions) {
        return sessions.ticketKeyFile().map(f -> "sessionTicketKeyFile " + f)
                .orElseGet(() -> "sessionCache " + sessions.cache().map(c -> c.describe()).orElse("?"));
    }

    private static int sessionEntries(SessionSettings sessions) {
        return sessions.cache().filter(InMemorySessionCache.class::isInstance).map(InMemorySessionCache.class::cast)
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

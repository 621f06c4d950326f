package io.tlsconnector.internal.engine;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.session.SessionCacheStats;
import io.tlsconnector.session.TicketKeys;

/**
 * A virtual host made ready to serve: its own {@link SSLContext} (certificates, protocols, cipher
 * suites) built once at start-up. Adapters ask it for one {@link SSLEngine} per connection, and hand
 * each engine back to {@link #release(SSLEngine)} when its connection closes.
 *
 * <p>The engine is Netty's BoringSSL engine unless the host asks for JSSE, BoringSSL cannot load here,
 * or a setting of the host needs JSSE ({@link EngineChoice}); a host with an SRP verifier file runs on
 * Bouncy Castle's TLS classes.
 */
public final class LoadedHost implements AutoCloseable {
    private final VirtualHost virtualHost;
    private final SSLContext sslContext;
    private final List<KeyMaterial> certificates;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final ClientCertificateVerifier clientVerifier;
    private final SessionSettings sessionSettings;
    private final HostEngineFactory engines;
    private final Optional<Engine> configuredEngine;
    private volatile OcspStatus ocspStatus;
    private final LongAdder handshakes = new LongAdder();
    private final LongAdder resumedHandshakes = new LongAdder();

    LoadedHost(VirtualHost virtualHost, SSLContext sslContext, List<KeyMaterial> certificates, String[] protocols,
                String[] cipherSuites, ClientCertificateVerifier clientVerifier, SessionSettings sessionSettings,
                HostEngineFactory engines, Optional<Engine> configuredEngine) {
        this.engines = engines;
        this.configuredEngine = configuredEngine;
        this.virtualHost = virtualHost;
        this.sslContext = sslContext;
        this.certificates = List.copyOf(certificates);
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
        this.clientVerifier = clientVerifier;
        this.sessionSettings = sessionSettings;
    }

    public VirtualHost virtualHost() {
        return virtualHost;
    }

    public String serverName() {
        return virtualHost.serverName();
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    List<KeyMaterial> certificates() {
        return certificates;
    }

    /** The configuration-wide session settings this host was built under (the host applies its own on top). */
    SessionSettings configuredSessions() {
        return sessionSettings;
    }

    void ocspStatus(OcspStatus status) {
        this.ocspStatus = status;
    }

    /** What this context staples; null when stapling is off for the host. */
    public OcspStatus ocspStatus() {
        return ocspStatus;
    }

    /** The CAs client certificates are verified against (SSLCACertificateFile and Path); empty when none. */
    public List<X509Certificate> clientCaCertificates() {
        return clientVerifier.trustedCertificates();
    }

    /** How this host verifies client certificates, and what SSL_CLIENT_VERIFY says about one. */
    public ClientCertificateVerifier clientVerifier() {
        return clientVerifier;
    }

    /** The leaf certificates this host serves, one per key type. */
    public List<X509Certificate> leafCertificates() {
        return certificates.stream().map(m -> m.chain().get(0)).toList();
    }

    /** Protocols enabled on every engine of this host. */
    public List<String> enabledProtocols() {
        return List.of(protocols);
    }

    /** Cipher suites enabled on every engine of this host, in preference order. */
    public List<String> enabledCipherSuites() {
        return List.of(cipherSuites);
    }

    /** The engine this host's connections use, e.g. {@code JSSE} or {@code BoringSSL (netty-tcnative)}. */
    public String engineName() {
        return engines.name();
    }

    /** The engine this host's connections use. */
    public Engine engine() {
        return engines.engine();
    }

    /** mod_ssl's {@code SSL_VERSION_LIBRARY} for this host's engine, e.g. {@code SunJSSE/17} or {@code BoringSSL/netty-tcnative-2.0.84.Final}. */
    public String library() {
        return engines.library();
    }

    /** The TlsConfig-wide engine choice this host was built under, for a rebuild. */
    Optional<Engine> configuredEngine() {
        return configuredEngine;
    }

    /** True when this host's sessions resume on every server sharing its ticket keys. */
    public boolean sharesTicketKeys() {
        return engines.sharesTicketKeys();
    }

    /**
     * Replaces the session-ticket keys of a host that {@linkplain #sharesTicketKeys() shares them}: the
     * first key encrypts new tickets, all of them decrypt.
     */
    public void ticketKeys(TicketKeys keys) {
        if (!engines.sharesTicketKeys()) {
            throw new IllegalStateException("virtual host '" + serverName() + "' runs on " + engines.name()
                    + ", which cannot take session-ticket keys");
        }
        engines.ticketKeys(keys);
    }

    /** Counts one completed handshake of {@code engine}, resumed or not when the engine can tell. */
    public void handshakeCompleted(SSLEngine engine) {
        handshakes.increment();
        if (resumed(engine).orElse(false)) {
            resumedHandshakes.increment();
        }
    }

    /** This host's engine session cache and the handshakes it served since the host was loaded (F3). */
    public SessionCacheStats sessionCache() {
        long done = handshakes.sum();
        return new SessionCacheStats(serverName(), engines.name(), engines.cachedSessions(), engines.sessionCacheLimit(), done,
                engines.tellsResumption() ? OptionalLong.of(Math.min(done, resumedHandshakes.sum())) : OptionalLong.empty());
    }

    /** False for SSLVerifyClient none: the host never asks, so a session of it has no client certificate to read. */
    public boolean asksForClientCertificates() {
        return virtualHost.verifyClient() != VerifyClient.NONE;
    }

    /** True when this host's engine works on native memory and should be handed direct buffers. */
    public boolean prefersDirectBuffers() {
        return engines.prefersDirectBuffers();
    }

    /** True when this host's engine seals each buffer of one wrap call in a record of its own. */
    public boolean sealsEachBufferApart() {
        return engines.sealsEachBufferApart();
    }

    /** Engines made and not yet {@linkplain #release(SSLEngine) released}; 0 for JSSE, which needs no release. */
    public int liveEngines() {
        return engines.liveEngines();
    }

    /**
     * A server-mode engine for one connection, with this host's protocols, cipher suites and order
     * (SSLHonorCipherOrder) and its client-certificate request (SSLVerifyClient). ALPN is left to the
     * adapter (JSSE's handshake selector, as Jetty's ALPN processor sets).
     */
    public SSLEngine newEngine(String peerHost, int peerPort) {
        return engines.newEngine(peerHost, peerPort, List.of());
    }

    /**
     * As {@link #newEngine(String, int)}, the engine itself selecting one of {@code applicationProtocols}
     * (ALPN ids in server preference, e.g. {@code h2}, {@code http/1.1}) among those the client offers.
     */
    public SSLEngine newEngine(String peerHost, int peerPort, List<String> applicationProtocols) {
        return engines.newEngine(peerHost, peerPort, List.copyOf(applicationProtocols));
    }

    /**
     * Frees what an engine holds outside the Java heap, once its connection is closed: adapters call it
     * for every engine they got from a host. Nothing happens for JSSE engines or on a second call.
     */
    public static void release(SSLEngine engine) {
        if (BoringSsl.PRESENT && BoringSsl.owns(engine)) {
            BoringSsl.release(engine);
        }
    }

    /** The negotiated key-exchange group (e.g. {@code X25519MLKEM768}), when the engine tells (BoringSSL does). */
    public static Optional<String> keyExchangeGroup(SSLEngine engine) {
        return BoringSsl.PRESENT && BoringSsl.owns(engine) ? BoringSsl.keyExchangeGroup(engine) : Optional.empty();
    }

    /** Whether the engine's handshake resumed a session, when the engine can tell (BoringSSL can, JSSE cannot). */
    public static Optional<Boolean> resumed(SSLEngine engine) {
        if (engine instanceof BcSrpEngine) {
            return Optional.of(false);
        }
        if (BoringSsl.PRESENT && BoringSsl.owns(engine)) {
            return BoringSsl.resumed(engine);
        }
        return Optional.empty();
    }

    /**
     * True when the engine selects the application protocol by itself from the list given to
     * {@link #newEngine(String, int, List)} and has no JSSE handshake selector; adapters then read the
     * outcome from {@link SSLEngine#getApplicationProtocol()}.
     */
    public static boolean selectsApplicationProtocolItself(SSLEngine engine) {
        return engine instanceof BcSrpEngine || (BoringSsl.PRESENT && BoringSsl.owns(engine));
    }

    /**
     * The TLS-SRP user name of a session (mod_ssl's {@code SSL_SRP_USER}, F35), when its connection logged
     * in with SRP; empty otherwise.
     */
    public static Optional<String> srpUser(SSLSession session) {
        return srp(session).map(login -> login[0]);
    }

    /** The {@code -userinfo} the verifier file holds for the session's SRP user ({@code SSL_SRP_USERINFO}); empty when none. */
    public static Optional<String> srpUserInfo(SSLSession session) {
        return srp(session).map(login -> login[1]);
    }

    private static Optional<String[]> srp(SSLSession session) {
        return session instanceof BcSrpSession bc ? BcSrpEngine.srp(bc.engine()) : Optional.empty();
    }

    /** Releases the host's engine contexts; engines still open keep working until they are released. */
    @Override
    public void close() {
        engines.close();
    }

    @Override
    public String toString() {
        return "LoadedHost[" + virtualHost.serverName() + ", protocols=" + List.of(protocols) + ", engine=" + engines.name() + "]";
    }
}

package io.tlsconnector.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslCredential;
import io.netty.handler.ssl.OpenSslCredentialBuilder;
import io.netty.handler.ssl.OpenSslServerSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSL;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.session.TicketKeys;

/**
 * Netty's BoringSSL engine ({@code netty-tcnative-boringssl-static}), the default engine. Each of a
 * host's certificates is a BoringSSL credential, so a host with an RSA and an ECDSA certificate
 * answers each client with one it can verify, in TLS 1.2 and 1.3 alike. Client certificates are
 * checked by the host's own {@link ClientCertificateVerifier} (mod_ssl's rules, not BoringSSL's).
 * Session-ticket keys are set by the library (the fleet's, or this process's own), so every context
 * of the host resumes every other's sessions. Engines are reference counted
 * ({@link SslProvider#OPENSSL_REFCNT}) and must be released through {@link LoadedHost#release(SSLEngine)}
 * when their connection closes.
 *
 * <p>ALPN is part of a BoringSSL context, so one context is kept per list of application protocols an
 * adapter asks for (in practice one or two); all share the host's credentials and ticket keys.
 */
final class BoringSslEngineFactory implements HostEngineFactory {
    static final String NAME = Engine.BORINGSSL.displayName();

    /**
     * What a BoringSSL context of one host is built from.
     *
     * @param serverName       the host's name, for the session-id context
     * @param certificates     the host's certificates, served in this order of preference
     * @param clientVerifier   checks client certificates; used only when {@code verifyClient} is not NONE
     * @param verifyClient     whether clients are asked for a certificate
     * @param protocols        the enabled protocols
     * @param cipherSuites     IANA names BoringSSL implements, in the host's preference order
     * @param groups           key-exchange groups, OpenSSL names, in preference order
     * @param honorCipherOrder SSLHonorCipherOrder
     * @param sessionTimeout   how long a session can be resumed
     * @param sessionCacheSize entries in BoringSSL's session-id cache
     * @param stapling         whether the host staples OCSP responses
     * @param ocspResponse     the DER response stapled to every handshake that asks for one; null for none
     * @param sessionTickets   false: no session tickets are issued (SSLSessionTickets off), in TLS 1.2 and 1.3
     */
    record Settings(String serverName, List<KeyMaterial> certificates, ClientCertificateVerifier clientVerifier,
                    VerifyClient verifyClient, String[] protocols, List<String> cipherSuites, List<String> groups,
                    boolean honorCipherOrder, Duration sessionTimeout, long sessionCacheSize, boolean stapling,
                    byte[] ocspResponse, boolean sessionTickets) {
    }

    private final Settings settings;
    private final boolean sharesTicketKeys;
    private final byte[] sessionIdContext;
    private final List<OpenSslCredential> credentials;
    private final Map<List<String>, ReferenceCountedOpenSslContext> contexts = new ConcurrentHashMap<>();
    private volatile OpenSslSessionTicketKey[] ticketKeys;

    /**
     * Builds the context without ALPN at once, so a configuration BoringSSL cannot serve fails at start.
     *
     * @param keys             the first ticket keys (the fleet's, or generated for this process)
     * @param sharesTicketKeys whether {@code keys} are shared with other servers
     * @throws SSLException when BoringSSL refuses the key material, protocols, cipher suites or groups
     */
    BoringSslEngineFactory(Settings settings, TicketKeys keys, boolean sharesTicketKeys) throws SSLException {
        this.settings = settings;
        this.sharesTicketKeys = sharesTicketKeys;
        this.sessionIdContext = sessionIdContext(settings.serverName());
        this.ticketKeys = toNetty(keys);
        this.credentials = credentials(settings.certificates());
        try {
            contexts.put(List.of(), newContext(List.of()));
        } catch (SSLException | RuntimeException e) {
            credentials.forEach(OpenSslCredential::release);
            throw e;
        }
    }

    @Override
    public Engine engine() {
        return Engine.BORINGSSL;
    }

    @Override
    public String library() {
        return BoringSsl.libraryVersion();
    }

    @Override
    public SSLEngine newEngine(String peerHost, int peerPort, List<String> applicationProtocols) {
        ReferenceCountedOpenSslContext context = contexts.computeIfAbsent(List.copyOf(applicationProtocols), alpn -> {
            try {
                return newContext(alpn);
            } catch (SSLException e) {
                throw new IllegalStateException(NAME + " refused ALPN " + alpn + ": " + e.getMessage(), e);
            }
        });
        SSLEngine engine = peerHost == null ? context.newEngine(ByteBufAllocator.DEFAULT)
                : context.newEngine(ByteBufAllocator.DEFAULT, peerHost, peerPort);
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(settings.protocols());
        if (settings.ocspResponse() != null) {
            // BoringSSL sends it only to a client that asked (status_request).
            ((ReferenceCountedOpenSslEngine) engine).setOcspResponse(settings.ocspResponse());
        }
        BoringSsl.serverCipherPreference(engine, settings.honorCipherOrder());
        if (!settings.sessionTickets()) {
            // Per connection: the context's keys stay set for the host's other engines. Netty clears this option only
            // when the engine is made, so it holds for the whole connection.
            ReferenceCountedOpenSslEngine openSsl = (ReferenceCountedOpenSslEngine) engine;
            synchronized (openSsl) {
                SSL.setOptions(openSsl.sslPointer(), SSL.SSL_OP_NO_TICKET);
            }
        }
        return engine;
    }

    private ReferenceCountedOpenSslContext newContext(List<String> alpn) throws SSLException {
        KeyMaterial first = settings.certificates().get(0);
        SslContextBuilder builder = SslContextBuilder.forServer(first.privateKey(), first.chain())
                .sslProvider(SslProvider.OPENSSL_REFCNT)
                .protocols(settings.protocols())
                .ciphers(settings.cipherSuites())
                .sessionTimeout(settings.sessionTimeout().toSeconds())
                .sessionCacheSize(settings.sessionCacheSize())
                .enableOcsp(settings.stapling());
        if (!credentials.isEmpty()) {
            builder.addCredentials(credentials);
        }
        if (!settings.groups().isEmpty()) {
            builder.option(OpenSslContextOption.GROUPS, settings.groups().toArray(String[]::new));
        }
        if (settings.verifyClient() != VerifyClient.NONE) {
            X509ExtendedTrustManager trust = settings.clientVerifier().trustManager();
            builder.trustManager(trust).clientAuth(settings.verifyClient() == VerifyClient.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        if (!alpn.isEmpty()) {
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        ReferenceCountedOpenSslContext context = (ReferenceCountedOpenSslContext) builder.build();
        OpenSslServerSessionContext sessions = (OpenSslServerSessionContext) context.sessionContext();
        // The same on every server of the fleet, and different per virtual host (as mod_ssl's vhost id).
        sessions.setSessionIdContext(sessionIdContext);
        OpenSslSessionTicketKey[] keys = ticketKeys;
        if (keys != null) {
            sessions.setTicketKeys(keys);
        }
        return context;
    }

    @Override
    public boolean sharesTicketKeys() {
        return sharesTicketKeys;
    }

    @Override
    public synchronized void ticketKeys(TicketKeys keys) {
        OpenSslSessionTicketKey[] converted = toNetty(keys);
        ticketKeys = converted;
        for (ReferenceCountedOpenSslContext context : contexts.values()) {
            ((OpenSslServerSessionContext) context.sessionContext()).setTicketKeys(converted);
        }
    }

    @Override
    public boolean prefersDirectBuffers() {
        return true;
    }

    @Override
    public boolean sealsEachBufferApart() {
        return true;
    }

    @Override
    public long cachedSessions() {
        // One cache per context (one context per ALPN list the adapters asked for). Netty keeps the sessions in
        // Java (its OpenSslSessionCache), so the native count (stats().number()) stays 0: count the IDs.
        return contexts.values().stream().mapToLong(c -> Collections.list(c.sessionContext().getIds()).size()).sum();
    }

    @Override
    public long sessionCacheLimit() {
        return settings.sessionCacheSize();
    }

    @Override
    public int liveEngines() {
        // Each engine holds one reference to its context until it is released.
        return contexts.values().stream().mapToInt(c -> c.refCnt() - 1).sum();
    }

    @Override
    public void close() {
        contexts.values().forEach(ReferenceCountedOpenSslContext::release);
        credentials.forEach(OpenSslCredential::release);
    }

    /**
     * One credential per certificate of a host with several; BoringSSL takes the first one the client can use, so they are
     * ordered ECDSA first (OpenSSL's own preference between key types), then the rest as configured.
     */
    private static List<OpenSslCredential> credentials(List<KeyMaterial> certificates) {
        if (certificates.size() == 1) {
            // The context's own certificate serves alone; a stapled OCSP response applies to it only.
            return List.of();
        }
        List<KeyMaterial> ordered = new ArrayList<>(certificates);
        ordered.sort(Comparator.comparingInt(m -> SuiteSelection.certificateKeyType(m.privateKey().getAlgorithm()).equals("EC") ? 0 : 1));
        List<OpenSslCredential> built = new ArrayList<>();
        for (KeyMaterial material : ordered) {
            built.add(OpenSslCredentialBuilder.forX509(material.privateKey(),
                    material.chain().toArray(java.security.cert.X509Certificate[]::new)).build());
        }
        return built;
    }

    /** At most 32 bytes (SSL_MAX_SID_CTX_LENGTH): a digest of the server name. */
    private static byte[] sessionIdContext(String serverName) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("tlsconnector:" + serverName).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static OpenSslSessionTicketKey[] toNetty(TicketKeys keys) {
        if (keys == null) {
            return null;
        }
        return keys.keys().stream().map(k -> new OpenSslSessionTicketKey(k.name(), k.hmacSecret(), k.aesKey()))
                .toArray(OpenSslSessionTicketKey[]::new);
    }
}

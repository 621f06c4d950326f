package io.tlsconnector.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSslServerSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tlsconnector.session.TicketKeys;

/**
 * Netty's BoringSSL engine ({@code netty-tcnative-boringssl-static}), chosen for hosts whose sessions
 * must resume across processes: its session-ticket keys can be set, so servers sharing them resume
 * each other's TLS 1.2 and 1.3 sessions (resumption-spike.md, Route 1). Engines are reference
 * counted ({@link SslProvider#OPENSSL_REFCNT}) and must be released through
 * {@link HostContext#release(SSLEngine)} when their connection closes.
 *
 * <p>ALPN is part of a BoringSSL context, so one context is kept per list of application protocols an
 * adapter asks for (in practice one or two); all share the host's key material and ticket keys.
 */
final class BoringSslHostEngines implements HostEngines {
    static final String NAME = "BoringSSL (netty-tcnative)";

    private final X509ExtendedKeyManager keyManager;
    private final byte[] sessionIdContext;
    private final String[] protocols;
    private final List<String> cipherSuites;
    private final Duration sessionTimeout;
    private final long sessionCacheSize;
    private final Map<List<String>, ReferenceCountedOpenSslContext> contexts = new ConcurrentHashMap<>();
    private volatile OpenSslSessionTicketKey[] ticketKeys;

    /**
     * Builds the context without ALPN at once, so a configuration BoringSSL cannot serve fails at start.
     *
     * @param cipherSuites the host's own suites (IANA names); empty for BoringSSL's defaults
     * @throws SSLException when BoringSSL refuses the key material, protocols or cipher suites
     */
    BoringSslHostEngines(String serverName, X509ExtendedKeyManager keyManager, String[] protocols, List<String> cipherSuites,
                         Duration sessionTimeout, long sessionCacheSize, TicketKeys keys) throws SSLException {
        this.keyManager = keyManager;
        this.sessionIdContext = sessionIdContext(serverName);
        this.protocols = protocols.clone();
        this.cipherSuites = List.copyOf(cipherSuites);
        this.sessionTimeout = sessionTimeout;
        this.sessionCacheSize = sessionCacheSize;
        this.ticketKeys = toNetty(keys);
        contexts.put(List.of(), newContext(List.of()));
    }

    @Override
    public String name() {
        return NAME;
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
        engine.setEnabledProtocols(protocols);
        return engine;
    }

    private ReferenceCountedOpenSslContext newContext(List<String> alpn) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forServer(keyManager)
                .sslProvider(SslProvider.OPENSSL_REFCNT)
                .protocols(protocols)
                .sessionTimeout(sessionTimeout.toSeconds())
                .sessionCacheSize(sessionCacheSize);
        if (!cipherSuites.isEmpty()) {
            builder.ciphers(cipherSuites);
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
        return true;
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
    public int liveEngines() {
        // Each engine holds one reference to its context until it is released.
        return contexts.values().stream().mapToInt(c -> c.refCnt() - 1).sum();
    }

    @Override
    public void close() {
        contexts.values().forEach(ReferenceCountedOpenSslContext::release);
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

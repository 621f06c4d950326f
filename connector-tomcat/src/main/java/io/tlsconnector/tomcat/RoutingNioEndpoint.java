package io.tlsconnector.tomcat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SecureNioChannel;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.openssl.ciphers.Cipher;
import org.apache.tomcat.util.net.openssl.ciphers.Group;
import org.apache.tomcat.util.net.openssl.ciphers.SignatureScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.Acme;
import io.tlsconnector.internal.engine.HandshakeLog;
import io.tlsconnector.internal.engine.ClientHelloParser;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.internal.engine.ObservedEngine;
import io.tlsconnector.vars.ConnectionRecord;

/**
 * Tomcat's NIO endpoint with connector-api's SNI routing and engine set-up. Tomcat reads the
 * ClientHello itself (its {@code TLSClientHelloExtractor}); from the SNI name it finds, the
 * runtime's router picks the virtual host (aliases, one-label wildcards, trailing dot, default host),
 * and that host's {@link LoadedHost} creates the engine with its own certificates, protocols and
 * cipher suites (F30) — exactly what the Jetty adapter does, from the same code.
 */
final class RoutingNioEndpoint extends NioEndpoint {
    private static final Logger log = LoggerFactory.getLogger(RoutingNioEndpoint.class);

    private volatile Supplier<TlsRuntime> runtime;

    void runtime(Supplier<TlsRuntime> runtime) {
        this.runtime = runtime;
    }

    private TlsRuntime currentRuntime() {
        Supplier<TlsRuntime> source = runtime;
        TlsRuntime current = source == null ? null : source.get();
        if (current == null) {
            throw new IllegalStateException("the TLS runtime of " + getName() + " is not started; start the connector first");
        }
        return current;
    }

    /** Every TLS channel registers its connection with the runtime's handshake guard when it is (re)used. */
    @Override
    protected NioChannel createChannel(SocketBufferHandler buffer) {
        return isSSLEnabled() ? new GuardedChannel(buffer) : super.createChannel(buffer);
    }

    /**
     * A TLS channel on the runtime's handshake deadline, which keeps the connector's view of its
     * connection (virtual host, what the client offered, the SSL_* variables).
     */
    private final class GuardedChannel extends SecureNioChannel {
        private ConnectionRecord connection;

        GuardedChannel(SocketBufferHandler buffer) {
            super(buffer, RoutingNioEndpoint.this);
        }

        /**
         * Chooses the virtual host once for the connection and makes its engine, observed so the
         * handshake is reported (F39) and ssl-unclean-shutdown can skip close_notify (F34).
         */
        @Override
        protected void createSSLEngine(String hostName, List<Cipher> clientRequestedCiphers,
                List<String> clientRequestedApplicationProtocols, List<String> clientRequestedProtocols,
                List<Group> clientSupportedGroups, List<SignatureScheme> clientSignatureSchemes) {
            // Tomcat has read the ClientHello into netInBuffer (still in write mode); read it the way the
            // Jetty adapter does, so both see exactly what the client offered.
            ByteBuffer received = netInBuffer.duplicate();
            received.flip();
            TlsRuntime current = currentRuntime();
            // An ACME tls-alpn-01 validation gets the challenge certificate and acme-tls/1; Tomcat closes
            // a connection whose protocol it does not speak once the handshake is done.
            Optional<LoadedHost> challenge = current.acmeChallengeHost(hostName, clientRequestedApplicationProtocols);
            LoadedHost host = challenge.orElseGet(() -> current.hostFor(hostName));
            SSLEngine engine = challenge.isPresent() ? host.newEngine(null, -1, List.of(Acme.ACME_TLS_1))
                    : newEngine(host, clientRequestedApplicationProtocols);
            connection = new ConnectionRecord(host, ClientHelloParser.parse(received).clientHello(), engine);
            log.debug("SNI {} → virtual host '{}'", hostName, host.serverName());
            sslEngine = new ObservedEngine(engine, peer(), host, connection.clientHello());
        }

        /**
         * Tomcat answers plain HTTP on the TLS port itself and fails the handshake; what it received is
         * classified by the same ClientHello reader as on Jetty and reported the same way (F8, F39).
         */
        @Override
        public int handshake(boolean read, boolean write) throws IOException {
            try {
                return super.handshake(read, write);
            } catch (IOException e) {
                if (connection == null) {
                    ByteBuffer received = netInBuffer.duplicate();
                    received.flip();
                    if (received.hasRemaining() && ClientHelloParser.parse(received).status() == ClientHelloParser.Status.HTTP) {
                        HandshakeLog.plainHttp(peer());
                    }
                }
                throw e;
            }
        }

        /** The engine is released when the connection closes, or, should Tomcat skip the close, when the channel is reused or freed. */
        @Override
        public void close(boolean force) throws IOException {
            try {
                super.close(force);
            } finally {
                if (force || !isOpen()) {
                    releaseEngine();
                }
            }
        }

        @Override
        public void free() {
            releaseEngine();
            super.free();
        }

        private void releaseEngine() {
            ConnectionRecord current = connection;
            if (current != null) {
                current.release();
            }
        }

        /** Tomcat's standard TLS attributes, plus this connection for {@link TlsAttributesValve}. */
        @Override
        public SSLSupport getSSLSupport() {
            SSLSupport support = super.getSSLSupport();
            if (support instanceof ConnectorSslImplementation.SessionSupport ours) {
                ours.connection(connection);
            }
            return support;
        }

        private java.net.SocketAddress peer() {
            try {
                return getIOChannel().getRemoteAddress();
            } catch (IOException closed) {
                return null;
            }
        }

        @Override
        public void reset(SocketChannel channel, NioSocketWrapper socketWrapper) throws IOException {
            releaseEngine();
            super.reset(channel, socketWrapper);
            connection = null;
            // Reseed in the background (F26) and put the connection on the handshake deadline. Channels
            // are pooled: the closed socket, not the channel's state, ends an earlier registration.
            currentRuntime().connectionOpened(() -> !channel.isOpen() || isHandshakeComplete(), socketWrapper::close,
                    socketWrapper.getRemoteAddr());
        }
    }

    /** The SSLHostConfig Tomcat keeps for the virtual host the router picks (Tomcat's own lookup is exact/wildcard only). */
    @Override
    protected SSLHostConfig getSSLHostConfig(String sniHostName) {
        String serverName = currentRuntime().hostFor(sniHostName).serverName().toLowerCase(Locale.ENGLISH);
        SSLHostConfig config = sslHostConfigs.get(serverName);
        return config != null ? config : super.getSSLHostConfig(sniHostName);
    }

    /** Tomcat's own entry point (our channels choose the host themselves, through {@link #newEngine}). */
    @Override
    protected SSLEngine createSSLEngine(String sniHostName, List<Cipher> clientRequestedCiphers,
            List<String> clientRequestedApplicationProtocols, List<String> clientRequestedProtocols,
            List<Group> clientSupportedGroups, List<SignatureScheme> clientSignatureSchemes) {
        return newEngine(currentRuntime().hostFor(sniHostName), clientRequestedApplicationProtocols);
    }

    /**
     * The host's engine, selecting by ALPN among what the client asked for and Tomcat speaks (h2 when
     * HTTP/2 is configured); as in stock Tomcat, http/1.1 is what a connection without a match speaks.
     */
    private SSLEngine newEngine(LoadedHost host, List<String> clientRequestedApplicationProtocols) {
        List<String> common = new ArrayList<>(negotiableProtocols);
        common.retainAll(clientRequestedApplicationProtocols == null ? List.of() : clientRequestedApplicationProtocols);
        return host.newEngine(null, -1, common);
    }

    /**
     * Tomcat logs each certificate as "configured from keystore [~/.keystore] using alias [tomcat]", its defaults,
     * since the context is connector-api's; this names the real source and the engine instead.
     */
    @Override
    protected void logCertificate(SSLHostConfigCertificate certificate) {
        if (certificate.getSslContext() instanceof HostSslContext context) {
            LoadedHost host = context.host();
            log.info("Connector [{}], TLS virtual host [{}]: certificate(s) from {}, engine {}", getName(), host.serverName(),
                    host.virtualHost().certificates().stream().map(io.tlsconnector.config.CertificateSource::describe)
                            .collect(java.util.stream.Collectors.joining(", ")), host.engineName());
        } else {
            super.logCertificate(certificate);
        }
    }
}

package io.tlsconnector.tomcat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import io.tlsconnector.spi.ConnectionPipeline;
import io.tlsconnector.spi.HostView;
import io.tlsconnector.spi.RecordJoin;

/**
 * Tomcat's NIO endpoint with connector-api's SNI routing and engine set-up. Tomcat reads the
 * ClientHello itself (its {@code TLSClientHelloExtractor}); from the SNI name it finds, the
 * connection's {@link ConnectionPipeline} picks the virtual host (aliases, one-label wildcards, trailing
 * dot, default host) and makes its engine with its own certificates, protocols and cipher suites (F30):
 * the same pipeline the Jetty adapter runs.
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
        private ConnectionPipeline connection;
        /** The SSL support of this connection's session, handed to Tomcat for each request. */
        private volatile ConnectorSslImplementation.SessionSupport support;
        /** Where a gathering write is joined into one record ({@link RecordJoin}); made once, kept with the pooled channel. */
        private ByteBuffer joined;

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
            // Tomcat has read the ClientHello into netInBuffer (still in write mode).
            ByteBuffer received = netInBuffer.duplicate();
            received.flip();
            // As in stock Tomcat, a connection whose ALPN offer matches nothing Tomcat speaks gets http/1.1.
            List<String> common = new ArrayList<>(negotiableProtocols);
            common.retainAll(clientRequestedApplicationProtocols == null ? List.of() : clientRequestedApplicationProtocols);
            connection.createEngine(received, common);
            // An ACME tls-alpn-01 validation: Tomcat closes a connection whose protocol it does not speak once
            // the handshake is done.
            sslEngine = connection.observedEngine();
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
                ConnectionPipeline current = connection;
                if (current != null && !current.hasEngine()) {
                    ByteBuffer received = netInBuffer.duplicate();
                    received.flip();
                    if (received.hasRemaining()) {
                        current.classify(received);
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
            ConnectionPipeline current = connection;
            if (current != null) {
                current.closed();
            }
        }

        /**
         * Tomcat's HTTP/2 writes a frame's header and payload in one gathering write; where the engine would seal each
         * buffer apart, a write that fits one record is joined first ({@link RecordJoin}).
         */
        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            ConnectionPipeline current = connection;
            int total = current != null && current.hasEngine() && current.sealsEachBufferApart()
                    ? RecordJoin.joinable(srcs, offset, length) : -1;
            if (total < 0) {
                return super.write(srcs, offset, length);
            }
            if (joined == null) {
                joined = current.prefersDirectBuffers() ? ByteBuffer.allocateDirect(RecordJoin.MAX_RECORD_PLAINTEXT)
                        : ByteBuffer.allocate(RecordJoin.MAX_RECORD_PLAINTEXT);
            }
            RecordJoin.join(srcs, offset, length, joined);
            int written = super.write(joined);
            RecordJoin.consumed(srcs, offset, length, written);
            return written;
        }

        /** Tomcat's standard TLS attributes, plus this connection for {@link TlsAttributesValve}. */
        @Override
        public SSLSupport getSSLSupport() {
            ConnectorSslImplementation.SessionSupport kept = support;
            if (kept != null && sslEngine != null && kept.session() == sslEngine.getSession()) {
                // Tomcat asks on every request; the session, and so what the support object worked out, is the same.
                return kept;
            }
            SSLSupport fresh = super.getSSLSupport();
            if (fresh instanceof ConnectorSslImplementation.SessionSupport ours && connection != null && connection.hasEngine()) {
                ours.connection(connection);
                support = ours;
            }
            return fresh;
        }

        private static java.net.SocketAddress remoteAddress(SocketChannel channel) {
            try {
                return channel.getRemoteAddress();
            } catch (IOException closed) {
                return null;
            }
        }

        @Override
        public void reset(SocketChannel channel, NioSocketWrapper socketWrapper) throws IOException {
            releaseEngine();
            support = null;
            super.reset(channel, socketWrapper);
            // Reseed in the background (F26) and put the connection on the handshake deadline. Channels
            // are pooled: the closed socket, not the channel's state, ends an earlier registration.
            connection = ConnectionPipeline.accepted(currentRuntime(), remoteAddress(channel),
                    () -> !channel.isOpen() || isHandshakeComplete(), socketWrapper::close);
        }
    }

    /** The SSLHostConfig Tomcat keeps for the virtual host the router picks (Tomcat's own lookup is exact/wildcard only). */
    @Override
    protected SSLHostConfig getSSLHostConfig(String sniHostName) {
        String serverName = HostView.current(currentRuntime(), sniHostName).serverName().toLowerCase(Locale.ENGLISH);
        SSLHostConfig config = sslHostConfigs.get(serverName);
        return config != null ? config : super.getSSLHostConfig(sniHostName);
    }

    /** Tomcat's own entry point; our channels make their engines through their {@link ConnectionPipeline}. */
    @Override
    protected SSLEngine createSSLEngine(String sniHostName, List<Cipher> clientRequestedCiphers,
            List<String> clientRequestedApplicationProtocols, List<String> clientRequestedProtocols,
            List<Group> clientSupportedGroups, List<SignatureScheme> clientSignatureSchemes) {
        return HostView.current(currentRuntime(), sniHostName).newEngine();
    }

    /**
     * Tomcat logs each certificate as "configured from keystore [~/.keystore] using alias [tomcat]", its defaults,
     * since the context is connector-api's; this names the real source and the engine instead.
     */
    @Override
    protected void logCertificate(SSLHostConfigCertificate certificate) {
        if (certificate.getSslContext() instanceof HostSslContext context) {
            HostView host = context.host();
            log.info("Connector [{}], TLS virtual host [{}]: certificate(s) from {}, engine {}", getName(), host.serverName(),
                    host.virtualHost().certificates().stream().map(io.tlsconnector.config.CertificateSource::describe)
                            .collect(java.util.stream.Collectors.joining(", ")), host.engineName());
        } else {
            super.logCertificate(certificate);
        }
    }
}

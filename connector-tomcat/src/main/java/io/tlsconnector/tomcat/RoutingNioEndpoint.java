package io.tlsconnector.tomcat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketProcessorBase;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.apache.tomcat.util.net.openssl.ciphers.Cipher;
import org.apache.tomcat.util.net.openssl.ciphers.Group;
import org.apache.tomcat.util.net.openssl.ciphers.SignatureScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.engine.HostContext;
import io.tlsconnector.engine.ObservedEngine;

/**
 * Tomcat's NIO endpoint with connector-api's SNI routing and engine set-up. Tomcat reads the
 * ClientHello itself (its {@code TLSClientHelloExtractor}); from the SNI name it finds, the
 * runtime's router picks the virtual host (aliases, one-label wildcards, trailing dot, default host),
 * and that host's {@link HostContext} creates the engine with its own certificates, protocols and
 * cipher suites (F30) — exactly what the Jetty adapter does, from the same code.
 */
final class RoutingNioEndpoint extends NioEndpoint {
    private static final Logger log = LoggerFactory.getLogger(RoutingNioEndpoint.class);
    /** The socket a worker thread is processing, so the engine made during its handshake knows the client. */
    private static final ThreadLocal<SocketWrapperBase<?>> PROCESSING = new ThreadLocal<>();

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

    /** The SSLHostConfig Tomcat keeps for the virtual host the router picks (Tomcat's own lookup is exact/wildcard only). */
    @Override
    protected SSLHostConfig getSSLHostConfig(String sniHostName) {
        String serverName = currentRuntime().hostFor(sniHostName).serverName().toLowerCase(Locale.ENGLISH);
        SSLHostConfig config = sslHostConfigs.get(serverName);
        return config != null ? config : super.getSSLHostConfig(sniHostName);
    }

    @Override
    protected SSLEngine createSSLEngine(String sniHostName, List<Cipher> clientRequestedCiphers,
            List<String> clientRequestedApplicationProtocols, List<String> clientRequestedProtocols,
            List<Group> clientSupportedGroups, List<SignatureScheme> clientSignatureSchemes) {
        HostContext host = currentRuntime().hostFor(sniHostName);
        log.debug("SNI {} → virtual host '{}'", sniHostName, host.serverName());
        SocketWrapperBase<?> socket = PROCESSING.get();
        SSLEngine engine = new ObservedEngine(host.newEngine(null, -1),
                socket == null ? null : InetSocketAddress.createUnresolved(socket.getRemoteAddr(), socket.getRemotePort()),
                sniHostName, host.serverName());
        if (clientRequestedApplicationProtocols != null && !clientRequestedApplicationProtocols.isEmpty()
                && !negotiableProtocols.isEmpty()) {
            // Offer what the client asked for and Tomcat speaks (h2 when HTTP/2 is configured); as in
            // stock Tomcat, http/1.1 is what a connection without an ALPN match speaks.
            List<String> common = new ArrayList<>(negotiableProtocols);
            common.retainAll(clientRequestedApplicationProtocols);
            if (!common.isEmpty()) {
                SSLParameters parameters = engine.getSSLParameters();
                parameters.setApplicationProtocols(common.toArray(new String[0]));
                engine.setSSLParameters(parameters);
            }
        }
        return engine;
    }

    @Override
    protected SocketProcessorBase<NioChannel> createSocketProcessor(SocketWrapperBase<NioChannel> socket, SocketEvent event) {
        return new ClientAwareProcessor(super.createSocketProcessor(socket, event), socket, event);
    }

    /** Runs Tomcat's processor with the socket it works on made known to {@link #createSSLEngine}. */
    private static final class ClientAwareProcessor extends SocketProcessorBase<NioChannel> {
        private final SocketProcessorBase<NioChannel> processor;

        ClientAwareProcessor(SocketProcessorBase<NioChannel> processor, SocketWrapperBase<NioChannel> socket, SocketEvent event) {
            super(socket, event);
            this.processor = processor;
        }

        @Override
        public void reset(SocketWrapperBase<NioChannel> socket, SocketEvent event) {
            super.reset(socket, event);
            // The super constructor resets before the field is set; the wrapped processor starts out reset.
            if (processor != null) {
                processor.reset(socket, event);
            }
        }

        @Override
        protected void doRun() {
            PROCESSING.set(socketWrapper);
            try {
                processor.run();
            } finally {
                PROCESSING.remove();
            }
        }
    }
}

package io.tlsconnector.tomcat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketBufferHandler;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.openssl.ciphers.Cipher;
import org.apache.tomcat.util.net.openssl.ciphers.Group;
import org.apache.tomcat.util.net.openssl.ciphers.SignatureScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.engine.HostContext;

/**
 * Tomcat's NIO endpoint with connector-api's SNI routing and engine set-up. Tomcat reads the
 * ClientHello itself (its {@code TLSClientHelloExtractor}); from the SNI name it finds, the
 * runtime's router picks the virtual host (aliases, one-label wildcards, trailing dot, default host),
 * and that host's {@link HostContext} creates the engine with its own certificates, protocols and
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
        // Offer what the client asked for and Tomcat speaks (h2 when HTTP/2 is configured); as in stock
        // Tomcat, http/1.1 is what a connection without an ALPN match speaks.
        List<String> common = new ArrayList<>(negotiableProtocols);
        common.retainAll(clientRequestedApplicationProtocols == null ? List.of() : clientRequestedApplicationProtocols);
        SSLEngine engine = host.newEngine(null, -1, common);
        return engine;
    }

    /** TLS channels that hand their engine back to connector-api when they close (BoringSSL engines hold native memory). */
    @Override
    protected NioChannel createChannel(SocketBufferHandler buffer) {
        return new ReleasingSecureNioChannel(buffer, this);
    }
}

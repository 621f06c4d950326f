package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.AbstractConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NegotiatingServerConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ProcessorUtils;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.spi.ConnectionPipeline;

/**
 * Takes the place of Jetty's {@code SslConnectionFactory}: instead of creating the SSLEngine on
 * accept from one context, it first reads the ClientHello, lets the runtime pick the virtual host
 * from the SNI name, and creates the engine from that host's own SSLContext, so each host's
 * certificates, protocols and cipher suites all apply (F30).
 */
public final class TlsRoutingConnectionFactory extends AbstractConnectionFactory {
    /** The protocol name this factory is registered under on a connector. */
    public static final String PROTOCOL = "tls-sni";

    private final Supplier<TlsRuntime> runtime;
    private final String nextProtocol;

    /**
     * @param runtime      asked once per connection, so a reloaded runtime takes effect for new connections
     * @param nextProtocol the protocol spoken inside TLS: {@code alpn} or {@code http/1.1}
     */
    public TlsRoutingConnectionFactory(Supplier<TlsRuntime> runtime, String nextProtocol) {
        super(PROTOCOL);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.nextProtocol = Objects.requireNonNull(nextProtocol, "nextProtocol");
    }

    /** The runtime this factory serves (the plain HTTP connector answers ACME http-01 from it). */
    Supplier<TlsRuntime> runtime() {
        return runtime;
    }

    public String nextProtocol() {
        return nextProtocol;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        // Reseed in the background (F26); from accept to the end of the handshake the connection is on
        // the runtime's deadline.
        ConnectionPipeline pipeline = ConnectionPipeline.accepted(runtime.get(), endPoint.getRemoteSocketAddress(),
                () -> !endPoint.isOpen(), endPoint::close);
        return configure(new ClientHelloConnection(endPoint, connector, this, pipeline, handshakesOnSelector(connector)),
                connector, endPoint);
    }

    /**
     * Whether a connection's ClientHello and handshake are read on the selector's thread, as an event loop such as
     * nginx's does, instead of a pool thread woken for each read (a futex wake-up and a context switch each): when
     * the connector has a selector per core. With fewer selectors, as Jetty's default has (half the cores), the
     * handshakes would get fewer cores than the machine has, so they run on the pool as in stock Jetty.
     */
    static boolean handshakesOnSelector(Connector connector) {
        return connector instanceof ServerConnector server && handshakesOnSelector(server.getSelectorManager().getSelectorCount());
    }

    /** The same rule, for a selector manager with {@code selectors} selectors. */
    static boolean handshakesOnSelector(int selectors) {
        return selectors >= ProcessorUtils.availableProcessors();
    }

    /**
     * A read callback the selector runs itself, as a non-blocking invocation: what the read goes on to that may block
     * (a request read with the handshake's end, an HTTP/2 stream) then knows it must go to the pool.
     */
    static Callback selectorRead(Runnable fillable, Consumer<Throwable> failed) {
        return Callback.from(InvocationType.NON_BLOCKING, () -> Invocable.invokeNonBlocking(fillable), failed);
    }

    /**
     * Replaces the ClientHello reader on {@code endPoint} by the TLS connection of the host the hello in
     * {@code received} selects (the default host when it cannot be read).
     */
    void upgradeToTls(Connector connector, EndPoint endPoint, ByteBuffer received, ConnectionPipeline pipeline,
                      boolean handshakeOnSelector) {
        ConnectionFactory next = connector.getConnectionFactory(nextProtocol);
        if (next == null) {
            throw new IllegalStateException("connector " + connector + " has no connection factory for '" + nextProtocol
                    + "', the protocol spoken inside TLS; add it before starting the connector");
        }
        List<String> alpn = next instanceof NegotiatingServerConnectionFactory negotiating
                ? negotiating.getNegotiatedProtocols() : List.of();
        SSLEngine engine = pipeline.createEngine(received, alpn);

        RoutedSslConnection tls = new RoutedSslConnection(connector.getByteBufferPool(), connector.getExecutor(),
                endPoint, engine, pipeline, handshakeOnSelector);
        // Client-initiated renegotiation is a denial-of-service lever and has no use here (mod_ssl refuses it too).
        tls.setRenegotiationAllowed(false);
        if (connector instanceof ContainerLifeCycle container) {
            container.getBeans(SslHandshakeListener.class).forEach(tls::addHandshakeListener);
        }
        getBeans(SslHandshakeListener.class).forEach(tls::addHandshakeListener);
        configure(tls, connector, endPoint);
        tls.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection connection) {
                pipeline.closed();
            }
        });

        EndPoint decrypted = tls.getSslEndPoint();
        decrypted.setConnection(pipeline.acmeValidation() ? new AcmeValidationConnection(decrypted, connector.getExecutor())
                : next.newConnection(connector, decrypted));
        tls.upgradeThenContinue(() -> endPoint.upgrade(tls));
    }

    @Override
    public String toString() {
        return String.format("%s@%x{%s->%s}", getClass().getSimpleName(), hashCode(), getProtocol(), nextProtocol);
    }
}

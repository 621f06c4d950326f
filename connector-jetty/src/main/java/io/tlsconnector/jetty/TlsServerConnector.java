package io.tlsconnector.jetty;

import java.util.concurrent.Executor;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The connector {@link JettyTls} makes: Jetty's {@link ServerConnector}, except that where the selector's thread runs
 * the handshakes ({@link TlsRoutingConnectionFactory#handshakesOnSelector}) it also sets up each accepted connection
 * itself (BENCHMARKS.md, change 14; F25).
 *
 * <p>Jetty's selector registers an accepted channel and then hands its set-up — the endpoint, our ClientHello
 * reader, their {@code onOpen} — to a pool thread, which asks the selector, with a second wake-up, to read the
 * ClientHello. That set-up does no I/O and never blocks (the endpoint, our reader, the runtime's handshake deadline,
 * and the {@code onOpened} of the connector's connection listeners, which like any selector callback must not
 * block), so the selector that is to read the ClientHello anyway runs it in the same pass: one pool job and one
 * wake-up fewer per connection. Where handshakes stay on the pool, so does the set-up, as in stock Jetty.
 */
final class TlsServerConnector extends ServerConnector {

    TlsServerConnector(Server server, int acceptors, int selectors, ConnectionFactory... factories) {
        super(server, null, null, null, acceptors, selectors, factories);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            /** Decided once: the selector count is fixed when the manager is made. */
            private final boolean setUpOnSelector = TlsRoutingConnectionFactory.handshakesOnSelector(getSelectorCount());

            @Override
            protected void execute(Runnable task) {
                // The only selector update a server connector's selector hands to the pool is its Accept, the set-up
                // of a channel it has just registered; that task is run here, on the selector's thread.
                if (setUpOnSelector && task instanceof ManagedSelector.SelectorUpdate) {
                    task.run();
                } else {
                    super.execute(task);
                }
            }
        };
    }
}

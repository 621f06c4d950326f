package io.tlsconnector.samples;

import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.tlsconnector.config.TlsConfig;

/** The two sample servers, started the way their commands start them, for tests that ask both. */
enum SampleKind {
    JETTY {
        @Override
        Started start(TlsConfig config) throws Exception {
            Server server = JettySample.start("127.0.0.1", 0, config);
            return new Started(((ServerConnector) server.getConnectors()[0]).getLocalPort(), server::stop);
        }
    },
    TOMCAT {
        @Override
        Started start(TlsConfig config) throws Exception {
            Tomcat tomcat = TomcatSample.start("127.0.0.1", 0, config);
            return new Started(tomcat.getService().findConnectors()[0].getLocalPort(), () -> {
                tomcat.stop();
                tomcat.destroy();
            });
        }
    };

    /** Starts the sample on 127.0.0.1 with an ephemeral port. */
    abstract Started start(TlsConfig config) throws Exception;

    /** A running sample: its port, and how to stop it. */
    record Started(int port, AutoCloseable stopper) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.close();
        }
    }
}

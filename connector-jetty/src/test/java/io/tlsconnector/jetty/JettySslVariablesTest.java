package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SslVariablesContract;

/** SslVariablesContract on the Jetty adapter. */
class JettySslVariablesTest extends SslVariablesContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

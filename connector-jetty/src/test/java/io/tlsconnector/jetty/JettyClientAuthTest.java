package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ClientAuthContract;

/** ClientAuthContract on the Jetty adapter. */
class JettyClientAuthTest extends ClientAuthContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

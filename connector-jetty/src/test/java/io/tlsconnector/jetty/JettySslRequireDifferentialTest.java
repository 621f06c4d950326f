package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SslRequireDifferentialContract;

/** SslRequireDifferentialContract on the Jetty adapter. */
class JettySslRequireDifferentialTest extends SslRequireDifferentialContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

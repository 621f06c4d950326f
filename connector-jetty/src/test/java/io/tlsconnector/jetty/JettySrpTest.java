package io.tlsconnector.jetty;

import io.tlsconnector.testing.SrpContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** TLS-SRP (F35) on the Jetty adapter. */
class JettySrpTest extends SrpContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ReloadContract;

/** Hot certificate reload on Jetty. */
class JettyReloadTest extends ReloadContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ModSslDifferentialContract;

/** ModSslDifferentialContract on the Jetty adapter. */
class JettyModSslDifferentialTest extends ModSslDifferentialContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

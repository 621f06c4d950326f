package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.OcspContract;

/** OCSP stapling on Jetty. */
class JettyOcspTest extends OcspContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

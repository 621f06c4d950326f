package io.tlsconnector.jetty;

import io.tlsconnector.testing.AcmeContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** ACME certificates from a real pebble on Jetty (issue 22; F12, F14, F15, F23). */
class JettyAcmeTest extends AcmeContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

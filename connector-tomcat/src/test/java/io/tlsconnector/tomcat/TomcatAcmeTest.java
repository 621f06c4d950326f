package io.tlsconnector.tomcat;

import io.tlsconnector.testing.AcmeContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** ACME certificates from a real pebble on Tomcat (issue 22; F12, F14, F15, F23). */
class TomcatAcmeTest extends AcmeContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

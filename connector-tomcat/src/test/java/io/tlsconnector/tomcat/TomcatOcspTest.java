package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.OcspContract;

/** OCSP stapling on Tomcat. */
class TomcatOcspTest extends OcspContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

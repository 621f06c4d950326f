package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SslRequireDifferentialContract;

/** SslRequireDifferentialContract on the Tomcat adapter. */
class TomcatSslRequireDifferentialTest extends SslRequireDifferentialContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

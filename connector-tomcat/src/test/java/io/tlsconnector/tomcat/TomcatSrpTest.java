package io.tlsconnector.tomcat;

import io.tlsconnector.testing.SrpContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** TLS-SRP (F35) on the Tomcat adapter. */
class TomcatSrpTest extends SrpContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ModSslDifferentialContract;

/** ModSslDifferentialContract on the Tomcat adapter. */
class TomcatModSslDifferentialTest extends ModSslDifferentialContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

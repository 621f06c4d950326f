package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** The shared adapter contract on Tomcat 11. */
class TomcatContractTest extends ContainerContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

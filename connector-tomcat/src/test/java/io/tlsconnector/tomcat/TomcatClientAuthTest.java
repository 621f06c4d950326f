package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ClientAuthContract;

/** ClientAuthContract on the Tomcat adapter. */
class TomcatClientAuthTest extends ClientAuthContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

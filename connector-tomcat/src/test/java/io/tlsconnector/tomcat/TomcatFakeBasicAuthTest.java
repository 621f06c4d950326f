package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.FakeBasicAuthContract;

/** FakeBasicAuthContract on the Tomcat adapter. */
class TomcatFakeBasicAuthTest extends FakeBasicAuthContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.FakeBasicAuthContract;

/** FakeBasicAuthContract on the Jetty adapter. */
class JettyFakeBasicAuthTest extends FakeBasicAuthContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

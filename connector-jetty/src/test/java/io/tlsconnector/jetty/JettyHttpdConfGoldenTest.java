package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.HttpdConfGoldenContract;

/** HttpdConfGoldenContract on the Jetty adapter: the fixture's httpd.conf served by Jetty. */
class JettyHttpdConfGoldenTest extends HttpdConfGoldenContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.HttpdConfGoldenContract;

/** HttpdConfGoldenContract on the Tomcat adapter: the fixture's httpd.conf served by Tomcat. */
class TomcatHttpdConfGoldenTest extends HttpdConfGoldenContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

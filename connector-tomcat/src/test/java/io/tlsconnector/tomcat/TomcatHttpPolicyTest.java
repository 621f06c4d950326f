package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.HttpPolicyContract;

/** Strict SNI, redirects, HSTS, the marker filter, client quirks and handshake diagnostics on Tomcat. */
class TomcatHttpPolicyTest extends HttpPolicyContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

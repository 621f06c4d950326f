package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.HttpPolicyContract;

/** Strict SNI, redirects, HSTS, the marker filter, client quirks and handshake diagnostics on Jetty. */
class JettyHttpPolicyTest extends HttpPolicyContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

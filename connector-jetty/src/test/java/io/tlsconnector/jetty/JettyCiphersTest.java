package io.tlsconnector.jetty;

import io.tlsconnector.testing.CiphersContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** Cipher order and the no-shared-cipher diagnosis on the Jetty adapter. */
class JettyCiphersTest extends CiphersContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

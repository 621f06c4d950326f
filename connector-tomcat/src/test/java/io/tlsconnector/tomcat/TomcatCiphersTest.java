package io.tlsconnector.tomcat;

import io.tlsconnector.testing.CiphersContract;
import io.tlsconnector.testing.ContainerUnderTest;

/** Cipher order and the no-shared-cipher diagnosis on the Tomcat adapter. */
class TomcatCiphersTest extends CiphersContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

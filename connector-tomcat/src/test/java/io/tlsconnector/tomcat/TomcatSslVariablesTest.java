package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SslVariablesContract;

/** SslVariablesContract on the Tomcat adapter. */
class TomcatSslVariablesTest extends SslVariablesContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

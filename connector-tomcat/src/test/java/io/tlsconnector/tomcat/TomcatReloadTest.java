package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ReloadContract;

/** Hot certificate reload on Tomcat. */
class TomcatReloadTest extends ReloadContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

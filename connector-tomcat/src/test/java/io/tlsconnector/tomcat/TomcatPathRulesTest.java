package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.PathRulesContract;

class TomcatPathRulesTest extends PathRulesContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

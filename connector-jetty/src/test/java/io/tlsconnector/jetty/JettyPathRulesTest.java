package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.PathRulesContract;

class JettyPathRulesTest extends PathRulesContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ImportedTlsBehaviourContract;

/** ImportedTlsBehaviourContract on the Jetty adapter. */
class JettyImportedTlsBehaviourTest extends ImportedTlsBehaviourContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

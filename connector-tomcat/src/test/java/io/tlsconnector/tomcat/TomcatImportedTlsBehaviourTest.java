package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ImportedTlsBehaviourContract;

/** ImportedTlsBehaviourContract on the Tomcat adapter. */
class TomcatImportedTlsBehaviourTest extends ImportedTlsBehaviourContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

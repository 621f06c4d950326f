package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SeedingContract;

/** Start-up and connect-time seeding on the Tomcat adapter. */
class TomcatSeedingTest extends SeedingContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SeedingContract;

/** Start-up and connect-time seeding on the Jetty adapter. */
class JettySeedingTest extends SeedingContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

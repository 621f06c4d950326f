package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.FleetResumptionContract;

/** A fleet of Jetty servers sharing session-ticket keys through Redis and memcached. */
class JettyFleetResumptionTest extends FleetResumptionContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

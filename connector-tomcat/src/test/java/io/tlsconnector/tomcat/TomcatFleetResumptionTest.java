package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.FleetResumptionContract;

/** A fleet of Tomcat servers sharing session-ticket keys through Redis and memcached. */
class TomcatFleetResumptionTest extends FleetResumptionContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

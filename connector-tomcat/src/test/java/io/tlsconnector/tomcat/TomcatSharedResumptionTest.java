package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SharedResumptionContract;

/** Sessions resumed across two Tomcat servers sharing a ticket-key file. */
class TomcatSharedResumptionTest extends SharedResumptionContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

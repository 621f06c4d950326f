package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.SharedResumptionContract;

/** Sessions resumed across two Jetty servers sharing a ticket-key file. */
class JettySharedResumptionTest extends SharedResumptionContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

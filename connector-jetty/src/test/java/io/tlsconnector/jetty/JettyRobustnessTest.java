package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.RobustnessContract;

/** Hostile and stalled clients against the Jetty adapter. */
class JettyRobustnessTest extends RobustnessContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

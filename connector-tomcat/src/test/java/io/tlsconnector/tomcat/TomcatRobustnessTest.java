package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.RobustnessContract;

/** Hostile and stalled clients against the Tomcat adapter. */
class TomcatRobustnessTest extends RobustnessContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

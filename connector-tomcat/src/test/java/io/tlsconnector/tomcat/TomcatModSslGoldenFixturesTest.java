package io.tlsconnector.tomcat;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ModSslGoldenFixturesContract;

/** ModSslGoldenFixturesContract on the Tomcat adapter. */
class TomcatModSslGoldenFixturesTest extends ModSslGoldenFixturesContract {
    @Override
    protected ContainerUnderTest container() {
        return new TomcatContainer();
    }
}

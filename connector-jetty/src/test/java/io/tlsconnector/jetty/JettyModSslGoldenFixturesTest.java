package io.tlsconnector.jetty;

import io.tlsconnector.testing.ContainerUnderTest;
import io.tlsconnector.testing.ModSslGoldenFixturesContract;

/** ModSslGoldenFixturesContract on the Jetty adapter. */
class JettyModSslGoldenFixturesTest extends ModSslGoldenFixturesContract {
    @Override
    protected ContainerUnderTest container() {
        return new JettyContainer();
    }
}

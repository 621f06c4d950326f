package io.tlsconnector.jetty;

import io.tlsconnector.testing.SecretLeakScan;

/** The leak scan (F13) over this module's test logs; run after the suite by the pom's secret-leak-scan execution. */
class JettySecretLeakScan extends SecretLeakScan {
}

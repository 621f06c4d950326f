package io.tlsconnector.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code tlsctl version} names everything a bug report needs (F38). */
class VersionReportTest {
    @Test
    void theReportNamesLibraryJdkProvidersAndContainers() {
        Map<String, String> report = VersionReport.collect();

        assertThat(report.keySet()).containsExactly("tls-connector", "Java", "OS", "TLS provider", "Security providers",
                "Bouncy Castle", "Conscrypt", "BoringSSL engine", "Jetty", "Tomcat");
        assertThat(report.get("tls-connector")).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(report.get("Java")).startsWith(System.getProperty("java.version") + " (");
        assertThat(report.get("TLS provider")).startsWith("SunJSSE ");
        assertThat(report.get("Bouncy Castle")).isEqualTo("1.82 (used as a library)");
        assertThat(report.get("Jetty")).isEqualTo("not on the class path"); // connector-api alone; the samples test sees 12.1.12
        // netty-tcnative is on connector-api's class path (optional dependency): the report says what Netty itself says
        assertThat(io.netty.handler.ssl.OpenSsl.isAvailable()).as("netty-tcnative loads here").isTrue();
        assertThat(report.get("BoringSSL engine")).isEqualTo(io.netty.handler.ssl.OpenSsl.versionString() + " (netty-tcnative "
                + "2.0.84.Final" + ", loaded)");
        assertThat(report.get("BoringSSL engine")).startsWith("BoringSSL");
        assertThat(VersionReport.text()).startsWith("tls-connector:     " + report.get("tls-connector") + System.lineSeparator());
    }
}

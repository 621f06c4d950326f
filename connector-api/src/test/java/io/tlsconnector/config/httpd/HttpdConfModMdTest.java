package io.tlsconnector.config.httpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.Acme;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.KeySpec;

/** httpd's mod_md directives read into {@link Acme} settings of the virtual hosts an MDomain names (issue 22; F12, F14, F15, F23). */
class HttpdConfModMdTest {
    @TempDir
    Path dir;

    private Path conf(String... lines) throws IOException {
        return Files.writeString(dir.resolve("httpd.conf"), String.join("\n", lines) + "\n");
    }

    @Test
    void anMDomainGivesTheVirtualHostsItNamesTheirAcmeSettingsWithServerLevelDefaultsAndPerHostOverrides() throws IOException {
        Path file = conf(
                "MDCertificateAuthority https://ca.example.test/dir",
                "MDCertificateAgreement accepted",
                "MDContactEmail ops@example.test",
                "MDRenewWindow 30d",
                "MDStoreDir state/md",
                "MDCACertificateFile ca.pem",
                "MDRetryDelay 10s",
                "MDomain www.example.test example.test",
                "MDomain api.example.test",
                "<VirtualHost *:443>", "ServerName example.test", "ServerAlias www.example.test", "SSLEngine on", "</VirtualHost>",
                "<VirtualHost *:443>", "ServerName api.example.test", "SSLEngine on",
                "MDCAChallenges http-01 tls-alpn-01", "MDPrivateKeys RSA 3072", "</VirtualHost>");
        HttpdConf read = HttpdConf.read(file);
        TlsConfig config = read.tlsConfig();

        Acme www = config.virtualHost("example.test").flatMap(VirtualHost::acme).orElseThrow();
        assertThat(www.directory()).isEqualTo(URI.create("https://ca.example.test/dir"));
        assertThat(www.termsAgreed()).isTrue();
        assertThat(www.contacts()).containsExactly("mailto:ops@example.test");
        assertThat(www.domains()).containsExactly("www.example.test", "example.test");
        assertThat(www.renewWindow().remaining()).isEqualTo(Duration.ofDays(30));
        assertThat(www.storeDir()).isEqualTo(dir.resolve("state/md"));
        assertThat(www.caCertificateFile()).contains(dir.resolve("ca.pem"));
        assertThat(www.retryDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(www.keyType()).isEqualTo(KeySpec.ecP256());
        assertThat(www.challenges()).containsExactly(Acme.Challenge.TLS_ALPN_01, Acme.Challenge.HTTP_01);

        Acme api = config.virtualHost("api.example.test").flatMap(VirtualHost::acme).orElseThrow();
        assertThat(api.domains()).containsExactly("api.example.test");
        assertThat(api.challenges()).containsExactly(Acme.Challenge.HTTP_01, Acme.Challenge.TLS_ALPN_01);
        assertThat(api.keyType()).isEqualTo(KeySpec.rsa(3072));
        assertThat(HttpdConfFiles.report(read, HttpdConfReport.Kind.READ))
                .anySatisfy(line -> assertThat(line).contains("MDomain").contains("certificate for [api.example.test] from the ACME CA."));
    }

    @Test
    void anMDomainWithoutAcceptedTermsFailsStartUpNamingTheDirective() throws IOException {
        Path file = conf("MDCertificateAuthority https://ca.example.test/dir", "MDomain www.example.test",
                "<VirtualHost *:443>", "ServerName www.example.test", "SSLEngine on", "</VirtualHost>");
        assertThatThrownBy(() -> HttpdConf.read(file).tlsConfig()).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("MDomain www.example.test")
                .hasMessageContaining("MDCertificateAgreement accepted");
    }

    @Test
    void aHostNoMDomainNamesStillNeedsItsOwnCertificate() throws IOException {
        Path file = conf("MDCertificateAgreement accepted", "MDomain www.example.test",
                "<VirtualHost *:443>", "ServerName other.example.test", "SSLEngine on", "</VirtualHost>");
        assertThatThrownBy(() -> HttpdConf.read(file)).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("has SSLEngine on but no SSLCertificateFile");
    }

    @Test
    void theDoctorChecksAnMDomainHostWithoutOrderingOrWritingTheStore() throws IOException {
        Path store = dir.resolve("md");
        Path file = conf("MDCertificateAuthority https://127.0.0.1:1/dir", "MDCertificateAgreement accepted",
                "MDStoreDir " + store, "MDRetryDelay 1s", "MDomain www.example.test",
                "Listen 127.0.0.1:8443",
                "<VirtualHost 127.0.0.1:8443>", "ServerName www.example.test", "SSLEngine on", "</VirtualHost>");
        assertThat(HttpdConfDoctor.check(HttpdConf.read(file), null)).isEmpty();
        assertThat(store).doesNotExist();
    }

    @Test
    void aBadValueIsReportedWithTheLine() throws IOException {
        Path file = conf("MDCertificateAgreement maybe", "MDRenewWindow soon", "MDCAChallenges carrier-pigeon-01");
        assertThatThrownBy(() -> HttpdConf.read(file)).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("httpd.conf:1 MDCertificateAgreement").hasMessageContaining("takes 'accepted'")
                .hasMessageContaining("httpd.conf:2 MDRenewWindow").hasMessageContaining("httpd.conf:3 MDCAChallenges")
                .hasMessageContaining("unknown ACME challenge type 'carrier-pigeon-01'");
    }
}

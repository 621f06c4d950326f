package io.tlsconnector.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.testing.TestPki;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;

/** How a deployed server's two settings become a TlsConfig, and the errors that name the setting (F5, F9). */
class TlsConfigSourceTest {
    static final TlsConfigSource INI = new TlsConfigSource("tls-connector.httpd-conf", "tls-connector.config-supplier",
            "start.d/tls-connector.ini");
    static final ClassLoader LOADER = TlsConfigSourceTest.class.getClassLoader();

    public static final class GoodSupplier implements Supplier<TlsConfig> {
        @Override
        public TlsConfig get() {
            TestPki.Issued self = TestPki.selfSigned("www.example.test", "www.example.test");
            return TlsConfig.builder().virtualHost(VirtualHost.builder("www.example.test")
                    .certificate(CertificateSource.of(self.privateKey(), self.fullChain())).build()).build();
        }
    }

    public static final class NotASupplier {
    }

    public static final class SuppliesAString implements Supplier<String> {
        @Override
        public String get() {
            return "not a config";
        }
    }

    @Test
    void anHttpdConfBecomesItsConfiguration(@TempDir Path dir) throws Exception {
        TestPki.Issued self = TestPki.selfSigned("www.example.test", "www.example.test");
        Path conf = Files.writeString(dir.resolve("ssl.conf"), """
                Listen 8443
                <VirtualHost *:8443>
                  ServerName www.example.test
                  SSLEngine on
                  SSLCertificateFile %s
                  SSLCertificateKeyFile %s
                </VirtualHost>
                """.formatted(self.writeCertificate(dir, "www"), self.writeKey(dir, "www")));
        assertThat(INI.resolve(conf.toString(), null, LOADER).defaultVirtualHost().serverName()).isEqualTo("www.example.test");
        // Relative to the server's base directory ($JETTY_BASE, $CATALINA_BASE), as the containers' own paths are.
        assertThat(INI.resolve("ssl.conf", null, LOADER, dir).defaultVirtualHost().serverName()).isEqualTo("www.example.test");
    }

    @Test
    void aSupplierClassBecomesItsConfiguration() {
        assertThat(INI.resolve(" ", GoodSupplier.class.getName(), LOADER).defaultVirtualHost().serverName())
                .isEqualTo("www.example.test");
    }

    @Test
    void neitherOrBothNameBothSettingsAndWhereTheyAreWritten() {
        assertThatThrownBy(() -> INI.resolve(null, "", LOADER)).isInstanceOf(TlsConfigException.class)
                .hasMessageContaining("tls-connector.httpd-conf=/etc/tls/ssl.conf")
                .hasMessageContaining("tls-connector.config-supplier=com.example.MyTlsConfig")
                .hasMessageContaining("start.d/tls-connector.ini");
        assertThatThrownBy(() -> INI.resolve("/etc/tls/ssl.conf", GoodSupplier.class.getName(), LOADER))
                .hasMessageContaining("both are set").hasMessageContaining("remove one of the two from start.d/tls-connector.ini");
    }

    @Test
    void aMissingFileOrABadClassIsNamedWithTheFix(@TempDir Path dir) {
        assertThatThrownBy(() -> INI.resolve(dir.resolve("nope.conf").toString(), null, LOADER))
                .hasMessageContaining("tls-connector.httpd-conf=" + dir.resolve("nope.conf"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> INI.resolve(null, "com.example.Missing", LOADER))
                .hasMessageContaining("tls-connector.config-supplier=com.example.Missing")
                .hasMessageContaining("cannot be loaded").hasMessageContaining("class path");
        assertThatThrownBy(() -> INI.resolve(null, NotASupplier.class.getName(), LOADER))
                .hasMessageContaining("does not implement java.util.function.Supplier");
        assertThatThrownBy(() -> INI.resolve(null, SuppliesAString.class.getName(), LOADER))
                .hasMessageContaining("get() returned a java.lang.String, not a TlsConfig");
    }
}

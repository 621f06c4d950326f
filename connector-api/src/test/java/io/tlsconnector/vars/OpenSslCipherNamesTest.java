package io.tlsconnector.vars;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import io.tlsconnector.testing.ExternalTool;

/** SSL_CIPHER and the key sizes use OpenSSL's names and numbers (F10). */
class OpenSslCipherNamesTest {
    private static final Pattern LINE = Pattern.compile("^(\\S+)\\s+-\\s+(\\S+)\\s+\\S+\\s+Kx=\\S+\\s+Au=\\S+\\s+Enc=\\S*?\\((\\d+)\\)", Pattern.MULTILINE);

    @Test
    void everyTableEntryMatchesTheInstalledOpenssl() {
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20),
                List.of("openssl", "ciphers", "-stdname", "-v", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"));
        Map<String, String[]> openssl = new HashMap<>();
        Matcher m = LINE.matcher(result.stdout());
        while (m.find()) {
            openssl.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        assertThat(openssl).as(result.all()).isNotEmpty();
        SoftAssertions soft = new SoftAssertions();
        OpenSslCipherNames.table().forEach((iana, cipher) -> {
            String[] theirs = openssl.get(iana);
            if (theirs != null) {
                soft.assertThat(cipher.openSslName()).as(iana).isEqualTo(theirs[0]);
                soft.assertThat(cipher.algKeySize()).as(iana + " bits").isEqualTo(Integer.parseInt(theirs[1]));
            }
        });
        soft.assertAll();
    }

    @Test
    void everySuiteTheJdkSupportsHasAnOpensslName() throws Exception {
        for (String suite : SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()) {
            if (!suite.endsWith("_SCSV")) {
                assertThat(OpenSslCipherNames.table()).as(suite).containsKey(suite.replaceFirst("^SSL_", "TLS_"));
            }
        }
    }

    @Test
    void tls13SuitesKeepTheirIanaNames() {
        assertThat(OpenSslCipherNames.of("TLS_AES_256_GCM_SHA384"))
                .isEqualTo(new OpenSslCipherNames.Cipher("TLS_AES_256_GCM_SHA384", 256, 256));
        assertThat(OpenSslCipherNames.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").openSslName())
                .isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(OpenSslCipherNames.of("SSL_RSA_WITH_3DES_EDE_CBC_SHA"))
                .isEqualTo(new OpenSslCipherNames.Cipher("DES-CBC3-SHA", 112, 168));
    }
}

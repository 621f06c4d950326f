package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.TlsConfigException;
import io.tlsconnector.diag.Doctor;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.LogCapture;

/**
 * A leaf without its intermediate (F23): openssl cannot verify it ("unable to get local issuer
 * certificate"), so start-up warns naming the missing issuer and tlsctl doctor does not say OK.
 */
class MissingIssuerTest {
    @TempDir
    Path dir;

    private Path leaf;
    private Path key;
    private Path intermediate;

    @BeforeEach
    void makeRootIntermediateAndLeafWithOpenssl() {
        ExternalTool.require("openssl");
        Path root = dir.resolve("root.crt");
        Path rootKey = dir.resolve("root.key");
        intermediate = dir.resolve("intermediate.crt");
        Path intermediateKey = dir.resolve("intermediate.key");
        leaf = dir.resolve("leaf.crt");
        key = dir.resolve("leaf.key");
        ok("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", rootKey.toString(),
                "-out", root.toString(), "-days", "365", "-subj", "/CN=Test Root", "-addext", "basicConstraints=critical,CA:true");
        ok("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", intermediateKey.toString(),
                "-out", dir.resolve("intermediate.csr").toString(), "-subj", "/CN=Test Intermediate");
        ok("x509", "-req", "-in", dir.resolve("intermediate.csr").toString(), "-CA", root.toString(), "-CAkey", rootKey.toString(),
                "-CAcreateserial", "-days", "365", "-out", intermediate.toString(), "-extfile", writeExt("basicConstraints=critical,CA:true"));
        ok("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", dir.resolve("leaf.csr").toString(), "-subj", "/CN=localhost");
        ok("x509", "-req", "-in", dir.resolve("leaf.csr").toString(), "-CA", intermediate.toString(), "-CAkey", intermediateKey.toString(),
                "-CAcreateserial", "-days", "365", "-out", leaf.toString(), "-extfile", writeExt("subjectAltName=DNS:localhost"));
        try {
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String writeExt(String line) {
        try {
            Path file = Files.createTempFile(dir, "ext", ".cnf");
            Files.writeString(file, line + "\n");
            return file.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void ok(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        ExternalTool.Result result = ExternalTool.run(java.time.Duration.ofSeconds(30), command);
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    @Test
    void startUpWarnsNamingTheIssuerOpensslCannotFind() throws Exception {
        ExternalTool.Result openssl = ExternalTool.run("openssl", "verify", "-CAfile", intermediate.toString().replace("intermediate", "root"),
                leaf.toString());
        assertThat(openssl.all()).contains("unable to get local issuer certificate");

        try (LogCapture log = LogCapture.start()) {
            KeyMaterialLoader.load(CertificateSource.pem(leaf, key), "localhost", PassPhraseProvider.NONE);
            assertThat(log.text()).contains("WARN").contains("Virtual host 'localhost': certificate CN=localhost (")
                    .contains("was issued by CN=Test Intermediate, but no issuer certificate is configured (openssl: unable to get local"
                            + " issuer certificate)")
                    .contains("Fix: append the intermediate certificate of CN=Test Intermediate");
        }
    }

    @Test
    void withTheChainThereIsNoWarningAndOpensslVerifiesToo() throws Exception {
        Path root = dir.resolve("root.crt");
        assertThat(ExternalTool.run("openssl", "verify", "-CAfile", root.toString(), "-untrusted", intermediate.toString(),
                leaf.toString()).stdout()).isEqualTo(leaf + ": OK\n");
        try (LogCapture log = LogCapture.start()) {
            KeyMaterialLoader.load(CertificateSource.pem(leaf, key).withChain(intermediate), "localhost", PassPhraseProvider.NONE);
            assertThat(log.text()).doesNotContain("no issuer certificate is configured");
        }
        List<TlsConfigException.Problem> problems = Doctor.check(new Doctor.Files(leaf, key, intermediate, null), PassPhraseProvider.NONE);
        assertThat(Doctor.report(problems)).isEqualTo("OK: every start-up check passed" + System.lineSeparator());
    }

    @Test
    void doctorDoesNotSayOkAndNamesTheMissingIssuer() {
        List<TlsConfigException.Problem> problems = Doctor.check(new Doctor.Files(leaf, key, null, null), PassPhraseProvider.NONE);
        String report = Doctor.report(problems);
        assertThat(report).doesNotContain("OK: every start-up check passed")
                .contains("PROBLEM " + leaf + ": warning: the certificate was issued by CN=Test Intermediate, but no issuer certificate"
                        + " follows it or is in a chain file (openssl: unable to get local issuer certificate)")
                .contains("1 problem(s); a server would start, but clients may fail");
    }
}

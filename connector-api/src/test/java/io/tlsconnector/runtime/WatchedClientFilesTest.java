package io.tlsconnector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.TestPki;

/** The client CA and CRL files and directories are watched too, so a changed trust store is reloaded (F21). */
class WatchedClientFilesTest {
    @Test
    void caAndCrlFilesAndDirectoriesAreWatchedAndADirectorysNewEntryChangesTheDigest(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.create();
        TestPki.Issued www = pki.issueServer("www.example.test", "www.example.test");
        Path caFile = TestPki.write(dir.resolve("ca.pem"), TestPki.pem(pki.rootCertificate()));
        Path caDir = Files.createDirectories(dir.resolve("cas"));
        Path crlDir = Files.createDirectories(dir.resolve("crls"));
        VirtualHost host = VirtualHost.builder("www.example.test")
                .certificate(CertificateSource.pem(www.writeCertificate(dir, "www"), www.writeKey(dir, "www")))
                .verifyClient(VerifyClient.REQUIRE).caCertificateFile(caFile)
                .clientAuth(ClientAuth.DEFAULT.withCaCertificatePath(caDir).withCaRevocationPath(crlDir)).build();

        assertThat(WatchedFiles.of(host)).contains(caFile.toAbsolutePath(), caDir.toAbsolutePath(), crlDir.toAbsolutePath());
        assertThat(WatchedFiles.directoriesOf(caDir)).contains(caDir, dir);
        String before = WatchedFiles.digest(WatchedFiles.of(host));
        TestPki.write(caDir.resolve("intermediate.pem"), TestPki.pem(pki.intermediateCertificate()));
        assertThat(WatchedFiles.digest(WatchedFiles.of(host))).isNotEqualTo(before);
    }
}

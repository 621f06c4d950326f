package io.tlsconnector.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.tlsconnector.testing.ExternalTool;

/** The real {@code openssl} binary, for the PKI toolkit's interoperability tests. */
final class OpenSsl {
    private OpenSsl() {
    }

    static ExternalTool.Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        return ExternalTool.run(command.toArray(String[]::new));
    }

    /** Runs and asserts exit code 0. */
    static ExternalTool.Result ok(String... arguments) {
        ExternalTool.Result result = run(arguments);
        assertThat(result.exitCode()).as("openssl %s%n%s", String.join(" ", arguments), result.all()).isZero();
        return result;
    }

    /** The fingerprint {@code tlsctl match} prints, computed by openssl: sha256 of {@code pkey -pubout -outform DER}. */
    static String publicKeyFingerprint(Path keyOrCert, boolean certificate, String passIn) throws Exception {
        Path der = Files.createTempFile(keyOrCert.getParent(), "pub", ".der");
        if (certificate) {
            Path pem = Files.createTempFile(keyOrCert.getParent(), "pub", ".pem");
            ok("x509", "-in", keyOrCert.toString(), "-noout", "-pubkey", "-out", pem.toString());
            ok("pkey", "-pubin", "-in", pem.toString(), "-outform", "DER", "-out", der.toString());
        } else if (passIn == null) {
            ok("pkey", "-in", keyOrCert.toString(), "-pubout", "-outform", "DER", "-out", der.toString());
        } else {
            ok("pkey", "-in", keyOrCert.toString(), "-passin", passIn, "-pubout", "-outform", "DER", "-out", der.toString());
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(der));
        return HexFormat.ofDelimiter(":").formatHex(digest, 0, 8);
    }
}

package io.tlsconnector.samples.tlsctl;

import java.math.BigInteger;
import java.nio.file.Path;

import io.tlsconnector.pki.CertificateAuthority;
import io.tlsconnector.pki.Certificates;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlsctl ca revoke}. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Marks a certificate this CA issued as revoked (index.txt); run tlsctl ca crl to publish it.")
final class CaRevoke extends TlsctlCommand {
    static final class Which {
        @Option(names = "--cert", required = true, paramLabel = "FILE", description = "the issued certificate")
        Path certificate;

        @Option(names = "--serial", required = true, paramLabel = "HEX", description = "its serial number, in hex as index.txt lists it")
        String serial;
    }

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the CA directory")
    Path dir;

    @ArgGroup(multiplicity = "1")
    Which which;

    @Option(names = "--pass", paramLabel = "SOURCE", converter = PassPhraseSource.Converter.class, defaultValue = "prompt",
            description = "pass-phrase of ca.key: env:NAME, file:/path or prompt (default: ${DEFAULT-VALUE})")
    PassPhraseSource pass;

    @Override
    int run() {
        BigInteger serial;
        if (which.certificate != null) {
            serial = Certificates.read(which.certificate).get(0).getSerialNumber();
        } else {
            try {
                serial = new BigInteger(which.serial, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--serial " + which.serial + " is not a hexadecimal number");
            }
        }
        CertificateAuthority.open(dir, pass).revoke(serial);
        out().println("Revoked certificate " + serial.toString(16).toUpperCase() + "; publish it with: tlsctl ca crl --dir " + dir);
        return 0;
    }
}

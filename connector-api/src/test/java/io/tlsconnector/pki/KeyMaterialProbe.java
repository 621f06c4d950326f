package io.tlsconnector.pki;

import java.nio.file.Path;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.passphrase.PassPhraseProvider;

/**
 * Loads one certificate and key and prints the problem report, if any: the child-JVM side of the
 * permission tests that must run as another user than root (see {@code UnprivilegedJvm}).
 */
public final class KeyMaterialProbe {
    private KeyMaterialProbe() {
    }

    public static void main(String[] args) {
        try {
            KeyMaterialLoader.load(CertificateSource.pem(Path.of(args[0]), Path.of(args[1])), "probe.test",
                    PassPhraseProvider.fixed(new char[0]));
            System.out.println("LOADED");
        } catch (TlsConfigException e) {
            System.out.println(e.getMessage());
        }
    }
}

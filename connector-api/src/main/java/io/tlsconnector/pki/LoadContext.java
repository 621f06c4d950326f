package io.tlsconnector.pki;

import java.nio.file.Path;
import java.util.Objects;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.passphrase.PassPhraseDialog;
import io.tlsconnector.passphrase.PassPhraseRequest;

/**
 * What the readers of one certificate source share: the virtual host the files belong to, the
 * start-up's pass-phrase dialog, and the problems found so far, so every problem is reported at once.
 */
final class LoadContext {
    /** The host the files belong to, or {@code null} when they are opened for the PKI toolkit. */
    final String virtualHost;
    private final int port;
    private final int keyIndex;
    private final PassPhraseDialog passPhrases;
    final TlsConfigException.Collector problems = new TlsConfigException.Collector();

    LoadContext(String virtualHost, int port, int keyIndex, PassPhraseDialog passPhrases) {
        this.virtualHost = virtualHost;
        this.port = port;
        this.keyIndex = keyIndex;
        this.passPhrases = Objects.requireNonNull(passPhrases, "passPhrases");
    }

    void problem(String origin, String problem, String fix) {
        problems.add(virtualHost, origin, problem, fix);
    }

    /** Reads a whole file; a problem with the reason and the fix (F2) and {@code null} when it cannot be read. */
    byte[] readFile(Path file, String role) {
        try {
            return PkiFiles.readBytes(file, role);
        } catch (PkiFiles.Unreadable e) {
            problem(file.toString(), "cannot read the " + role + " file: " + e.reason() + ".", e.fix());
            return null;
        }
    }

    /** Opens an encrypted key or store through the start-up's dialog; a problem and {@code null} when it stays closed. */
    <T> T askAndOpen(Path file, String keyAlgorithm, String what, PassPhraseDialog.Attempt<T> attempt) {
        PassPhraseRequest request = new PassPhraseRequest(virtualHost == null ? "" : virtualHost, port,
                file, keyIndex, keyAlgorithm, 1);
        try {
            return passPhrases.open(request, attempt);
        } catch (PassPhraseDialog.NotOpened e) {
            switch (e.failure()) {
                case WRONG_PASS_PHRASE -> wrongPassPhrase(file, what);
                case PROVIDER_FAILED -> problem(file.toString(), "the " + what + " is encrypted and "
                        + e.providerFailure().getMessage(), e.providerFailure().fix());
                default -> problem(file.toString(), "the " + what + " is encrypted, but no pass-phrase is available for it.",
                        "configure TlsConfig.builder().passPhraseProvider(...), or store the key unencrypted with "
                                + "owner-only permissions (`openssl pkey -in KEY -out KEY.plain`, then chmod 600).");
            }
            return null;
        }
    }

    private void wrongPassPhrase(Path file, String what) {
        problem(file.toString(), "the pass-phrase given for this encrypted " + what + " is wrong: it does not decrypt it.",
                "give the pass-phrase the " + what + " was encrypted with; "
                        + (what.equals("key store") ? "`keytool -list -keystore " + file + "`" : "`openssl pkey -noout -in " + file + "`")
                        + " checks one by hand.");
    }
}

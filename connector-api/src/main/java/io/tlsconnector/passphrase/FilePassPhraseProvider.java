package io.tlsconnector.passphrase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code file:/path}: the first line of a file; warns when others than its owner may read it. */
final class FilePassPhraseProvider implements PassPhraseProvider {
    private static final Logger log = LoggerFactory.getLogger(FilePassPhraseProvider.class);

    private final Path file;

    FilePassPhraseProvider(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public char[] passPhrase(PassPhraseRequest request) throws PassPhraseException {
        String permissions = Secrets.readableByOthers(file);
        if (permissions != null) {
            log.warn("Pass-phrase file {} can be read by its group or by others ({}); make it readable by its owner only "
                    + "(chmod 600 {})", file, permissions, file);
        }
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            char[] answer = Secrets.firstLine(bytes, bytes.length);
            if (answer.length == 0) {
                throw new PassPhraseException("the pass-phrase file " + file + " is empty, so it gives no pass-phrase for the key "
                        + request.keySource() + ".", "write the pass-phrase on the first line of " + file + ".");
            }
            return answer;
        } catch (NoSuchFileException e) {
            throw new PassPhraseException("the pass-phrase file " + file + " does not exist, so it gives no pass-phrase for the key "
                    + request.keySource() + ".", "check the path in file:" + file + ".");
        } catch (IOException e) {
            throw new PassPhraseException("the pass-phrase file " + file + " cannot be read (" + e.getMessage() + ") for the key "
                    + request.keySource() + ".", "make it readable by the server's user, and by no one else.");
        } finally {
            Secrets.wipe(bytes);
        }
    }

    @Override
    public String toString() {
        return "file:" + file;
    }
}

package io.tlsconnector.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import io.tlsconnector.TlsException;

/** Writing toolkit output: PEM text, and files replaced atomically so a reader never sees half a key (F17). */
final class PkiFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PkiFiles() {
    }

    static String pem(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static void writeText(Path file, String text, boolean secret) {
        write(file, text.getBytes(StandardCharsets.US_ASCII), secret);
    }

    /**
     * Writes to a temporary file beside {@code file} and moves it into place atomically.
     *
     * @param secret true for private keys: the file is created owner-only (0600) before any byte is written
     */
    static void write(Path file, byte[] content, boolean secret) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(dir);
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            temporary = posix
                    ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(temporary, content);
            if (posix && !secret) {
                Set<PosixFilePermission> permissions = Files.exists(target)
                        ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
                Files.setPosixFilePermissions(temporary, permissions);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (FileAlreadyExistsException e) {
            throw new TlsException("Cannot write " + file + ": a file is in the way (" + e.getFile() + "); remove it or choose another path.", e);
        } catch (IOException e) {
            throw new TlsException("Cannot write " + file + ": " + e + "; check that its directory exists and is writable.", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the temporary file holds nothing the target did not
                }
            }
        }
    }

    static byte[] read(Path file, String role) {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsException("Cannot read the " + role + " " + file + ": no such file; check the path.", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new TlsException("Cannot read the " + role + " " + file + ": permission denied for user '"
                    + System.getProperty("user.name") + "'; make it readable by that user.", e);
        } catch (IOException e) {
            throw new TlsException("Cannot read the " + role + " " + file + ": " + e + ".", e);
        }
    }
}

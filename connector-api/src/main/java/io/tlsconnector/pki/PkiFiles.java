package io.tlsconnector.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import io.tlsconnector.TlsException;

/**
 * Files of the toolkit and of start-up: reading with the reason and the fix when the OS refuses (F2),
 * PEM text, and files replaced atomically so a reader never sees half a key (F17).
 */
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

    /**
     * Reads a whole file for the toolkit.
     *
     * @throws TlsException naming the file, why it cannot be read and the fix
     */
    static byte[] read(Path file, String role) {
        try {
            return readBytes(file, role);
        } catch (Unreadable e) {
            throw new TlsException("Cannot read the " + role + " " + file + ": " + e.reason() + "; " + e.fix(), e.getCause());
        }
    }

    /**
     * Reads a whole file, turning the OS's refusal into the reason and the fix (F2); start-up and the
     * toolkit share it.
     *
     * @param role what the file is for, in the fix ({@code certificate}, {@code private key}, ...)
     */
    static byte[] readBytes(Path file, String role) throws Unreadable {
        try {
            if (Files.isDirectory(file)) {
                throw new Unreadable("it is a directory", "name the " + role + " file itself, not the directory that holds it.", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            Path parent = file.toAbsolutePath().getParent();
            throw new Unreadable(parent != null && !Files.isDirectory(parent)
                    ? "its directory " + parent + " does not exist" : "no such file",
                    "check the path" + (file.isAbsolute() ? "" : " (relative paths resolve against the working directory "
                            + Path.of("").toAbsolutePath() + ")") + ".", e);
        } catch (AccessDeniedException e) {
            throw new Unreadable("permission denied for user '" + System.getProperty("user.name") + "'",
                    "make the file readable by that user and every parent directory searchable (chmod o+x or setfacl), "
                            + "keeping private keys unreadable by others.", e);
        } catch (FileSystemException e) {
            throw new Unreadable(e.getReason() == null ? e.toString() : e.getReason().toLowerCase(Locale.ROOT),
                    "check the path and the file system.", e);
        } catch (IOException e) {
            throw new Unreadable(e.getMessage(), "check the path and the file system.", e);
        }
    }

    /** A file that cannot be read: why (without a trailing full stop) and the fix. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final String fix;

        Unreadable(String reason, String fix, IOException cause) {
            super(reason, cause, false, false);
            this.reason = reason;
            this.fix = fix;
        }

        String reason() {
            return reason;
        }

        String fix() {
            return fix;
        }
    }
}

package io.tlsconnector.passphrase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/** Helpers for handling secrets: bytes to wiped char arrays, and file permissions (F18). */
public final class Secrets {
    private Secrets() {
    }

    /**
     * The permissions of {@code file} in {@code ls -l} form (e.g. {@code rw-r--r--}) when its group or
     * others may read it; {@code null} when only the owner may, or when the file system has no POSIX
     * permissions.
     */
    public static String readableByOthers(Path file) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
                return null;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                return PosixFilePermissions.toString(permissions);
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Decodes the first line of {@code bytes} (up to {@code \n} or {@code \r}) as UTF-8 into a new
     * array; wipes every intermediate buffer. The caller wipes {@code bytes}.
     *
     * @return the line, possibly empty
     */
    static char[] firstLine(byte[] bytes, int length) {
        int end = 0;
        while (end < length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(end);
        try {
            decoder.decode(ByteBuffer.wrap(bytes, 0, end), chars, true);
            decoder.flush(chars);
            return Arrays.copyOf(chars.array(), chars.position());
        } finally {
            Arrays.fill(chars.array(), '\0');
        }
    }

    static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}

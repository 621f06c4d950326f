package io.tlsconnector.session;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.tlsconnector.TlsConfigException;

/**
 * Session-ticket keys in mod_ssl's {@code SSLSessionTicketKeyFile} layout: 48 bytes per key (16 name,
 * 16 HMAC secret, 16 AES key). Several keys concatenated make a rotation: the first encrypts new
 * tickets, every key decrypts. Servers that share these keys resume each other's tickets.
 * {@link #toString()} never shows key bytes.
 */
public final class TicketKeys {
    /** Bytes per key in the file. */
    public static final int KEY_LENGTH = 48;

    /** One key; the three parts are 16 bytes each. */
    public static final class Key {
        private final byte[] name;
        private final byte[] hmacSecret;
        private final byte[] aesKey;

        private Key(byte[] bytes, int offset) {
            this.name = Arrays.copyOfRange(bytes, offset, offset + 16);
            this.hmacSecret = Arrays.copyOfRange(bytes, offset + 16, offset + 32);
            this.aesKey = Arrays.copyOfRange(bytes, offset + 32, offset + 48);
        }

        public byte[] name() {
            return name.clone();
        }

        public byte[] hmacSecret() {
            return hmacSecret.clone();
        }

        public byte[] aesKey() {
            return aesKey.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(name, k.name) && Arrays.equals(hmacSecret, k.hmacSecret)
                    && Arrays.equals(aesKey, k.aesKey);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(name);
        }

        @Override
        public String toString() {
            return "TicketKey[secret]";
        }
    }

    private final List<Key> keys;
    private final String origin;

    private TicketKeys(List<Key> keys, String origin) {
        this.keys = List.copyOf(keys);
        this.origin = origin;
    }

    /**
     * Reads a key file.
     *
     * @throws TlsConfigException naming the file when it cannot be read or is not a whole number of 48-byte keys
     */
    public static TicketKeys read(Path file, String virtualHost) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw problem(virtualHost, file, "does not exist.",
                    "create it with 48 random bytes per key, e.g. openssl rand 48 > " + file + ", or fix the path.", e);
        } catch (AccessDeniedException e) {
            throw problem(virtualHost, file, "cannot be read by this process (permission denied).",
                    "let the server's user read it (chmod 600, owned by that user) and make every parent directory searchable.", e);
        } catch (IOException e) {
            throw problem(virtualHost, file, "cannot be read: " + e.getMessage() + ".",
                    "check that the path names a regular, readable file.", e);
        }
        try {
            return fromBytes(bytes, file.toString());
        } catch (IllegalArgumentException e) {
            throw problem(virtualHost, file, e.getMessage(), "write 48 random bytes per key, e.g. openssl rand 48 > " + file
                    + "; concatenate several keys to rotate (the first encrypts, all decrypt).", null);
        }
    }

    /**
     * Keys from the file layout.
     *
     * @param origin where the bytes come from, for messages (a path, a store key)
     * @throws IllegalArgumentException when the length is not a positive multiple of 48
     */
    public static TicketKeys fromBytes(byte[] bytes, String origin) {
        if (bytes.length == 0 || bytes.length % KEY_LENGTH != 0) {
            throw new IllegalArgumentException("holds " + bytes.length + " bytes, but session-ticket keys are "
                    + KEY_LENGTH + " bytes each (16 name, 16 HMAC secret, 16 AES key), so the length must be a positive multiple of "
                    + KEY_LENGTH + ".");
        }
        List<Key> keys = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += KEY_LENGTH) {
            keys.add(new Key(bytes, offset));
        }
        return new TicketKeys(keys, origin);
    }

    /** One fresh random key. */
    public static TicketKeys generate(SecureRandom random, String origin) {
        byte[] bytes = new byte[KEY_LENGTH];
        random.nextBytes(bytes);
        return fromBytes(bytes, origin);
    }

    /**
     * These keys followed by those of {@code older} that are not already here: the first key still
     * encrypts, the others only decrypt. At most {@code max} keys are kept.
     */
    public TicketKeys thenDecrypting(TicketKeys older, int max) {
        List<Key> merged = new ArrayList<>(keys);
        for (Key key : older.keys) {
            if (!merged.contains(key)) {
                merged.add(key);
            }
        }
        return new TicketKeys(merged.subList(0, Math.min(max, merged.size())), origin);
    }

    /** The keys, the encrypting one first. */
    public List<Key> keys() {
        return keys;
    }

    /** The file layout of these keys. */
    public byte[] toBytes() {
        byte[] bytes = new byte[keys.size() * KEY_LENGTH];
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            System.arraycopy(key.name, 0, bytes, i * KEY_LENGTH, 16);
            System.arraycopy(key.hmacSecret, 0, bytes, i * KEY_LENGTH + 16, 16);
            System.arraycopy(key.aesKey, 0, bytes, i * KEY_LENGTH + 32, 16);
        }
        return bytes;
    }

    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TicketKeys t && keys.equals(t.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "TicketKeys[" + keys.size() + " key(s) from " + origin + "]";
    }

    private static TlsConfigException problem(String virtualHost, Path file, String what, String fix, Throwable cause) {
        return new TlsConfigException(List.of(new TlsConfigException.Problem(virtualHost,
                "sessionTicketKeyFile " + file, what, fix)), cause);
    }
}

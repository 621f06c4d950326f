package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.crypto.agreement.srp.SRP6StandardGroups;
import org.bouncycastle.crypto.params.SRP6GroupParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;

/**
 * The users of an {@code openssl srp} verifier file (mod_ssl SSLSRPVerifierFile, F35), read as OpenSSL's
 * {@code SRP_VBASE_init} reads it: tab-separated lines of six fields, {@code V verifier salt user group info}
 * for a user and {@code I N g id} for a group of the file's own; salts, verifiers and group numbers in
 * OpenSSL's SRP base64 ({@code t_tob64}: alphabet {@code 0-9A-Za-z./}, no padding, a big-endian number).
 * Revoked ({@code R}) users and users of an unknown group are left out. With an unknown-user seed
 * (SSLSRPUnknownUserSeed) an unknown user gets what {@code SRP_VBASE_get1_by_user} gives: the default
 * group, salt {@code SHA-1(seed || user)} and a random verifier, so the handshake fails as for a wrong
 * password.
 */
final class SrpVerifiers {
    private static final Logger log = LoggerFactory.getLogger(SrpVerifiers.class);
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz./";
    /** OpenSSL's {@code knowngN} table (RFC 5054 appendix A), first entry the default. */
    private static final Map<String, SRP6GroupParameters> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("8192", SRP6StandardGroups.rfc5054_8192);
        KNOWN.put("6144", SRP6StandardGroups.rfc5054_6144);
        KNOWN.put("4096", SRP6StandardGroups.rfc5054_4096);
        KNOWN.put("3072", SRP6StandardGroups.rfc5054_3072);
        KNOWN.put("2048", SRP6StandardGroups.rfc5054_2048);
        KNOWN.put("1536", SRP6StandardGroups.rfc5054_1536);
        KNOWN.put("1024", SRP6StandardGroups.rfc5054_1024);
    }

    /** One user's login parameters; {@code info} is the {@code -userinfo} text, or null. */
    record Login(String user, BigInteger n, BigInteger g, byte[] salt, BigInteger verifier, String info, boolean simulated) {
    }

    private final Path file;
    private final Map<String, Login> users;
    private final byte[] seed;
    private final SRP6GroupParameters defaultGroup;
    private final SecureRandom random;

    private SrpVerifiers(Path file, Map<String, Login> users, byte[] seed, SRP6GroupParameters defaultGroup, SecureRandom random) {
        this.file = file;
        this.users = users;
        this.seed = seed;
        this.defaultGroup = defaultGroup;
        this.random = random;
    }

    /**
     * Reads {@code file}; {@code seed} is SSLSRPUnknownUserSeed, or null.
     *
     * @throws TlsConfigException when the file cannot be read or a line is malformed
     */
    static SrpVerifiers read(String host, Path file, String seed, SecureRandom random) {
        String setting = "srpVerifierFile " + file;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host, setting,
                    "cannot be read: " + (e instanceof java.nio.file.NoSuchFileException ? "there is no such file"
                            : e.getClass().getSimpleName() + " " + e.getMessage()) + ".",
                    "create it with `openssl srp -srpvfile " + file + " -add USER` (start from an empty file), and make it readable.")), e);
        }
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        Map<String, SRP6GroupParameters> ownGroups = new HashMap<>();
        Map<String, Login> users = new HashMap<>();
        List<String[]> userLines = new ArrayList<>();
        String lastIndex = KNOWN.keySet().iterator().next();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String where = "line " + (i + 1);
            if (f.length != 6) {
                problems.add(host, setting, where + " has " + f.length + " tab-separated fields where OpenSSL's verifier file has 6"
                        + " (type, verifier or N, salt or g, user or group id, group id, user info).",
                        "rewrite the file with `openssl srp -srpvfile FILE -add USER`; do not edit it by hand.");
                continue;
            }
            try {
                switch (f[0]) {
                    case "I" -> {
                        ownGroups.put(f[3], new SRP6GroupParameters(fromBase64(f[1]), fromBase64(f[2])));
                        lastIndex = f[3];
                    }
                    case "V" -> userLines.add(f);
                    default -> {
                        // R (revoked) and anything else is not a valid user, as in OpenSSL.
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(host, setting, where + ": " + e.getMessage() + ".",
                        "rewrite the file with `openssl srp -srpvfile FILE -add USER`; do not edit it by hand.");
            }
        }
        for (String[] f : userLines) {
            SRP6GroupParameters group = ownGroups.containsKey(f[4]) ? ownGroups.get(f[4]) : KNOWN.get(f[4]);
            if (group == null) {
                log.warn("Virtual host '{}': user '{}' in SRP verifier file {} names group '{}', which is neither one of the"
                        + " file's I lines nor a standard group ({}); OpenSSL skips the user and so does this server",
                        host, f[3], file, f[4], String.join(", ", KNOWN.keySet()));
                continue;
            }
            try {
                byte[] salt = unsigned(fromBase64(f[2]));
                users.putIfAbsent(f[3], new Login(f[3], group.getN(), group.getG(), salt, fromBase64(f[1]),
                        f[5].isEmpty() ? null : f[5], false));
            } catch (IllegalArgumentException e) {
                problems.add(host, setting, "user '" + f[3] + "': " + e.getMessage() + ".",
                        "rewrite the entry with `openssl srp -srpvfile FILE -modify " + f[3] + "`.");
            }
        }
        problems.throwIfAny();
        SRP6GroupParameters defaultGroup = ownGroups.containsKey(lastIndex) ? ownGroups.get(lastIndex) : KNOWN.get(lastIndex);
        if (seed != null && defaultGroup == null) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host, setting,
                    "its last group line names '" + lastIndex + "', which is no group the file defines, so unknown users"
                            + " (srpUnknownUserSeed) have no group.", "rewrite the file with `openssl srp`.")));
        }
        if (users.isEmpty()) {
            log.warn("Virtual host '{}': SRP verifier file {} holds no valid user; every SRP login fails", host, file);
        }
        return new SrpVerifiers(file, Map.copyOf(users), seed == null ? null : seed.getBytes(StandardCharsets.UTF_8),
                defaultGroup, random);
    }

    Path file() {
        return file;
    }

    int size() {
        return users.size();
    }

    /** The login of {@code user}; a simulated one for an unknown user when there is a seed, else empty. */
    Optional<Login> lookup(String user) {
        Login login = users.get(user);
        if (login != null || seed == null) {
            return Optional.ofNullable(login);
        }
        byte[] verifier = new byte[20];
        random.nextBytes(verifier);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(seed);
            sha1.update(user.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new Login(user, defaultGroup.getN(), defaultGroup.getG(), unsigned(new BigInteger(1, sha1.digest())),
                    new BigInteger(1, verifier), null, true));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** OpenSSL's {@code t_fromb64}: the SRP alphabet read as one big-endian number. */
    static BigInteger fromBase64(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an empty number where SRP base64 is expected");
        }
        if (s.length() % 4 == 1) {
            throw new IllegalArgumentException("'" + abbreviate(s) + "' has a length no SRP base64 encoding has");
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < s.length(); i++) {
            int digit = ALPHABET.indexOf(s.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("'" + s.charAt(i) + "' is not in OpenSSL's SRP base64 alphabet");
            }
            value = value.shiftLeft(6).or(BigInteger.valueOf(digit));
        }
        return value;
    }

    /**
     * OpenSSL's {@code t_tob64} of {@code bytes}: zero bytes in front up to a multiple of three, standard
     * base64 in the SRP alphabet, and as many leading characters dropped as zero bytes were added.
     */
    static String toBase64(byte[] bytes) {
        int lead = (3 - bytes.length % 3) % 3;
        byte[] padded = new byte[bytes.length + lead];
        System.arraycopy(bytes, 0, padded, lead, bytes.length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < padded.length; i += 3) {
            int group = (padded[i] & 0xFF) << 16 | (padded[i + 1] & 0xFF) << 8 | (padded[i + 2] & 0xFF);
            for (int shift = 18; shift >= 0; shift -= 6) {
                out.append(ALPHABET.charAt(group >> shift & 63));
            }
        }
        return out.substring(lead);
    }

    /** The number as OpenSSL's {@code BN_bn2bin} writes it: big-endian, no leading zero byte. */
    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = 0;
        while (skip < bytes.length - 1 && bytes[skip] == 0) {
            skip++;
        }
        return java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 12) + "…";
    }
}

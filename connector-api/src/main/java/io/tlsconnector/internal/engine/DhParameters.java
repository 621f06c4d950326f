package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;

/**
 * Custom Diffie-Hellman parameters for DHE suites (F36), read from a PEM
 * {@code -----BEGIN DH PARAMETERS-----} block in their own file or appended to the certificate file,
 * as mod_ssl reads them. JSSE has no per-context setting: its only hook is the process-wide system
 * property {@value #PROPERTY}, read once, when JSSE first needs DH parameters. So every virtual host
 * of the process must agree on one value, and it applies to handshakes only if set before the first
 * DHE handshake in the JVM.
 *
 * @param prime     the group's prime p
 * @param generator the generator g
 * @param origin    the file it came from
 */
public record DhParameters(BigInteger prime, BigInteger generator, Path origin) {
    /** JSSE's process-wide DHE parameter property. */
    public static final String PROPERTY = "jdk.tls.server.defaultDHEParameters";
    /** JSSE's ephemeral DH key size (system property), matched to the configured prime when it is not 2048 bits. */
    static final String KEY_SIZE_PROPERTY = "jdk.tls.ephemeralDHKeySize";

    private static final Logger log = LoggerFactory.getLogger(DhParameters.class);
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN DH PARAMETERS-----([A-Za-z0-9+/=\\s]+)-----END DH PARAMETERS-----");
    /** The value this library last set, so a later runtime may replace its own value but not the user's. */
    private static volatile String lastApplied;

    public DhParameters {
        Objects.requireNonNull(prime, "prime");
        Objects.requireNonNull(generator, "generator");
    }

    /** The property value JSSE expects: {@code {p,g}} in hexadecimal. */
    public String propertyValue() {
        return "{" + prime.toString(16).toUpperCase() + "," + generator.toString(16).toUpperCase() + "}";
    }

    public int bits() {
        return prime.bitLength();
    }

    /**
     * The first {@code DH PARAMETERS} block of a PEM file, if it has one.
     *
     * @throws IllegalArgumentException when the block is there but unreadable, or of a size JSSE refuses
     */
    public static Optional<DhParameters> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        DhParameters parameters;
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
            DHParameter asn1 = DHParameter.getInstance(ASN1Primitive.fromByteArray(der));
            parameters = new DhParameters(asn1.getP(), asn1.getG(), file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("its DH PARAMETERS block is not PKCS#3 DER in base64 (" + e.getMessage() + ")", e);
        }
        int bits = parameters.bits();
        if (bits < 1024 || bits > 8192 || bits % 64 != 0) {
            throw new IllegalArgumentException("its DH prime has " + bits + " bits; JSSE takes 1024 to 8192 bits in steps of 64");
        }
        return Optional.of(parameters);
    }

    /**
     * Reads each host's DH parameters (its {@code dhParameters} file, else its first PEM certificate
     * file) and, when any host has some, sets {@value #PROPERTY}. Hosts that disagree are a problem:
     * JSSE cannot give each its own.
     */
    public static void applyProcessWide(List<VirtualHost> hosts, TlsConfigException.Collector problems) {
        Map<String, DhParameters> byHost = new LinkedHashMap<>();
        for (VirtualHost host : hosts) {
            Optional<Path> file = host.dhParameters().or(() -> host.certificates().stream()
                    .filter(CertificateSource.PemFiles.class::isInstance).map(c -> ((CertificateSource.PemFiles) c).certificate())
                    .findFirst());
            if (file.isEmpty()) {
                continue;
            }
            try {
                Optional<DhParameters> read = read(file.get());
                if (read.isPresent()) {
                    byHost.put(host.serverName(), read.get());
                } else if (host.dhParameters().isPresent()) {
                    problems.add(host.serverName(), file.get().toString(), "has no -----BEGIN DH PARAMETERS----- block.",
                            "write one with `openssl dhparam -out " + file.get() + " 2048`, or drop dhParameters(...).");
                }
            } catch (IOException e) {
                // An unreadable certificate file is already reported by the key loader; only a file named
                // by dhParameters(...) is reported here.
                if (host.dhParameters().isPresent()) {
                    problems.add(host.serverName(), file.get().toString(), "cannot be read for DH parameters: " + e + ".",
                            "make the file readable by the server user.");
                }
            } catch (IllegalArgumentException e) {
                problems.add(host.serverName(), file.get().toString(), e.getMessage() + ".",
                        "generate parameters with `openssl dhparam 2048` (or use ECDHE suites, which need none).");
            }
        }
        if (byHost.isEmpty()) {
            return;
        }
        Map<String, String> distinct = new LinkedHashMap<>();
        byHost.forEach((host, p) -> distinct.putIfAbsent(p.propertyValue(), host));
        if (distinct.size() > 1) {
            problems.add(null, "DH parameters", "virtual hosts " + byHost.entrySet().stream()
                            .map(e -> "'" + e.getKey() + "' (" + e.getValue().origin() + ", " + e.getValue().bits() + " bits)").toList()
                            + " have different DH parameters, but JSSE's are process-wide (security property " + PROPERTY
                            + "), so they cannot each get their own (F36).",
                    "give every virtual host the same DH PARAMETERS block, or remove all but one.");
            return;
        }
        if (!problems.isEmpty()) {
            return; // a configuration that will not start must not change the process
        }
        DhParameters chosen = byHost.values().iterator().next();
        String value = chosen.propertyValue();
        // A security property (java.security), not a system property: JSSE reads it with Security.getProperty,
        // once, when its DH parameter table loads at the first DHE handshake of the JVM.
        String current = Security.getProperty(PROPERTY);
        if (current != null && !current.isBlank() && !current.equals(value) && !current.equals(lastApplied)) {
            problems.add(null, "DH parameters", chosen.origin() + " holds DH parameters, but the system property " + PROPERTY
                            + " (security property) is already set to other ones, and JSSE's are process-wide (F36).",
                    "remove " + PROPERTY + " from java.security (or -Djava.security.properties) or the DH PARAMETERS block from " + chosen.origin() + ".");
            return;
        }
        Security.setProperty(PROPERTY, value);
        if (chosen.bits() != 2048 && System.getProperty(KEY_SIZE_PROPERTY) == null) {
            // JSSE looks the configured group up by the ephemeral key size, 2048 bits unless told otherwise.
            System.setProperty(KEY_SIZE_PROPERTY, Integer.toString(chosen.bits()));
        }
        lastApplied = value;
        log.info("DH parameters from {} ({} bits) set process-wide for DHE suites (security property {}); JSSE reads them once,"
                + " at the first DHE handshake in this JVM, so they apply only if none ran before this start-up", chosen.origin(),
                chosen.bits(), PROPERTY);
        if (chosen.bits() < 2048) {
            log.warn("DH parameters from {} have only {} bits; use 2048 or more (Logjam)", chosen.origin(), chosen.bits());
        }
    }

    /**
     * The DH parameters a host declares (its {@code dhParameters} file, else a block in its first PEM
     * certificate file), for the engine choice; empty when none or unreadable (start-up reports those).
     */
    static Optional<DhParameters> declaredBy(VirtualHost host) {
        Optional<Path> file = host.dhParameters().or(() -> host.certificates().stream()
                .filter(CertificateSource.PemFiles.class::isInstance).map(c -> ((CertificateSource.PemFiles) c).certificate())
                .findFirst());
        try {
            return file.isEmpty() ? Optional.empty() : read(file.get());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

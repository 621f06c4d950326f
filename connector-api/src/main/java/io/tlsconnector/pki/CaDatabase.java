package io.tlsconnector.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import io.tlsconnector.TlsException;

/**
 * The files of a CA directory that {@code openssl ca} also keeps: {@code serial} (next serial, hex),
 * {@code crlnumber} and {@code index.txt} (one line per issued certificate: status, expiry,
 * revocation date, serial, file, subject).
 */
final class CaDatabase {
    static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One line of index.txt. */
    record Entry(char status, Instant notAfter, Instant revoked, BigInteger serial, String subject) {
        String line() {
            return status + "\t" + UTC_TIME.format(notAfter) + "\t" + (revoked == null ? "" : UTC_TIME.format(revoked))
                    + "\t" + hex(serial) + "\tunknown\t" + subject;
        }

        static Entry parse(String line) {
            String[] fields = line.split("\t", -1);
            if (fields.length < 6) {
                throw new IllegalArgumentException("malformed index line: " + line);
            }
            Instant revoked = fields[2].isEmpty() ? null : Instant.from(UTC_TIME.parse(fields[2].split(",")[0]));
            return new Entry(fields[0].charAt(0), Instant.from(UTC_TIME.parse(fields[1])), revoked,
                    new BigInteger(fields[3], 16), fields[5]);
        }
    }

    private final Path dir;

    CaDatabase(Path dir) {
        this.dir = dir;
    }

    Path index() {
        return dir.resolve("index.txt");
    }

    void create(BigInteger firstSerial) {
        PkiFiles.writeText(dir.resolve("serial"), hex(firstSerial) + "\n", false);
        PkiFiles.writeText(dir.resolve("crlnumber"), "1000\n", false);
        PkiFiles.writeText(index(), "", false);
    }

    /** Takes the next serial and advances the serial file. */
    BigInteger nextSerial() {
        BigInteger serial = readHex(dir.resolve("serial"));
        PkiFiles.writeText(dir.resolve("serial"), hex(serial.add(BigInteger.ONE)) + "\n", false);
        return serial;
    }

    BigInteger nextCrlNumber() {
        BigInteger number = readHex(dir.resolve("crlnumber"));
        PkiFiles.writeText(dir.resolve("crlnumber"), hex(number.add(BigInteger.ONE)) + "\n", false);
        return number;
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (String line : lines(index())) {
            if (!line.isBlank()) {
                entries.add(Entry.parse(line));
            }
        }
        return entries;
    }

    void write(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(e.line()).append('\n'));
        PkiFiles.writeText(index(), text.toString(), false);
    }

    private BigInteger readHex(Path file) {
        List<String> lines = lines(file);
        try {
            return new BigInteger(lines.get(0).strip(), 16);
        } catch (RuntimeException e) {
            throw new TlsException("The CA file " + file + " does not hold a hexadecimal number; restore it from a backup "
                    + "(it must be higher than every serial in index.txt).", e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TlsException("Cannot read the CA file " + file + " (" + e + "); is " + file.getParent()
                    + " a directory made by `tlsctl ca init`?", e);
        }
    }

    static String hex(BigInteger value) {
        String hex = value.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    /** OpenSSL's one-line form, {@code /O=Example/CN=www.example.test}. */
    static String oneLine(X500Name name) {
        StringBuilder text = new StringBuilder();
        for (RDN rdn : name.getRDNs()) {
            String separator = "/";
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                String key = BCStyle.INSTANCE.oidToDisplayName(value.getType());
                text.append(separator).append(key == null ? value.getType().getId() : key).append('=')
                        .append(org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(value.getValue()));
                separator = "+";
            }
        }
        return text.toString();
    }
}

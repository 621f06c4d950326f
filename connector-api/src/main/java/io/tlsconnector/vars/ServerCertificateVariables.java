package io.tlsconnector.vars;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@code SSL_SERVER_*} variables of one server certificate. They are the same on every connection the
 * certificate serves, so they are formatted on its first connection and kept: parsing the certificate, formatting
 * its names and encoding its PEM was most of the work of {@link SslVariables#of} on a connection without a client
 * certificate, and that work ran again for every new TLS session (FAQ F10, F25).
 *
 * <p>Kept per certificate, weakly: a reloaded host's old certificate takes its entry with it. An entry holds strings
 * and an instant only, never the certificate, so the map does not keep its keys alive.
 */
final class ServerCertificateVariables {
    private static final String PREFIX = "SSL_SERVER_";
    private static final Map<X509Certificate, ServerCertificateVariables> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, String> dnComponents;
    private final Map<String, String> subjectAltNames;
    private final Map<String, String> certificateFields;
    private final Map<String, String> legacyCertificateFields;
    private final String pem;
    private final Instant notAfter;

    private ServerCertificateVariables(CertificateVariables certificate) {
        Map<String, String> dn = new LinkedHashMap<>();
        certificate.dnComponents(PREFIX, dn);
        Map<String, String> sans = new LinkedHashMap<>();
        certificate.subjectAltNames(PREFIX, false, sans);
        Map<String, String> fields = new LinkedHashMap<>();
        certificate.certificateFields(PREFIX, false, fields);
        Map<String, String> legacyFields = new LinkedHashMap<>();
        certificate.certificateFields(PREFIX, true, legacyFields);
        this.dnComponents = Collections.unmodifiableMap(dn);
        this.subjectAltNames = Collections.unmodifiableMap(sans);
        this.certificateFields = Collections.unmodifiableMap(fields);
        this.legacyCertificateFields = Collections.unmodifiableMap(legacyFields);
        this.pem = certificate.pem();
        this.notAfter = certificate.notAfter();
    }

    /** The variables of {@code certificate}, formatted once per certificate. */
    static ServerCertificateVariables of(X509Certificate certificate) {
        ServerCertificateVariables known = KNOWN.get(certificate);
        if (known == null) {
            // Two first connections may both format it; the results are equal, the last one stays.
            known = new ServerCertificateVariables(new CertificateVariables(certificate));
            KNOWN.put(certificate, known);
        }
        return known;
    }

    /** {@code SSL_SERVER_S_DN_x[_n]} and {@code SSL_SERVER_I_DN_x[_n]}. */
    Map<String, String> dnComponents() {
        return dnComponents;
    }

    /** {@code SSL_SERVER_SAN_*}. */
    Map<String, String> subjectAltNames() {
        return subjectAltNames;
    }

    /** {@code SSL_SERVER_M_VERSION} … {@code SSL_SERVER_A_SIG}, the DNs in RFC 2253 or, with {@code legacy}, oneline form. */
    Map<String, String> certificateFields(boolean legacy) {
        return legacy ? legacyCertificateFields : certificateFields;
    }

    /** {@code SSL_SERVER_CERT}. */
    String pem() {
        return pem;
    }

    /** {@code SSL_SERVER_V_REMAIN} at {@code now}: the one variable that changes with time. */
    String daysRemaining(Instant now) {
        return CertificateVariables.daysRemaining(notAfter, now);
    }
}

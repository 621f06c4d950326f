package io.tlsconnector.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.CipherString;
import io.tlsconnector.cipher.CipherSuite;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.KeyMaterial;

/**
 * Narrows a host's configured suites (the full OpenSSL expansion) to those the TLS provider
 * implements, and refuses a list that leaves TLS 1.2 clients nothing to agree on with the host's
 * certificates (F29).
 */
final class SuiteSelection {
    private static final Logger log = LoggerFactory.getLogger(SuiteSelection.class);

    private SuiteSelection() {
    }

    /**
     * @param provider       the engine's name, for messages
     * @param implemented    the suites the engine implements
     * @param providerDefault JSSE's default suites in its order, narrowed to {@code implemented} without a cipher list
     */
    static String[] choose(VirtualHost host, String provider, Set<String> implemented, String[] providerDefault,
                           String[] protocols, List<KeyMaterial> certificates, TlsConfigException.Collector problems) {
        if (host.cipherSuites().isEmpty()) {
            return Arrays.stream(secureDefault(providerDefault))
                    .filter(implemented::contains).toArray(String[]::new);
        }
        Set<String> available = new LinkedHashSet<>(implemented);
        List<String> protocolList = List.of(protocols);
        boolean tls13 = protocolList.contains("TLSv1.3");
        boolean tls12 = protocolList.stream().anyMatch(p -> !p.equals("TLSv1.3"));
        List<String> forProtocols = host.cipherSuites().stream()
                .filter(name -> CipherString.suite(name).map(s -> s.isTls13() ? tls13 : tls12).orElse(true)).toList();
        List<String> enabled = forProtocols.stream().filter(available::contains).toList();
        if (enabled.size() < host.cipherSuites().size()) {
            log.debug("Virtual host '{}': the TLS provider {} does not implement {} of its {} configured suites: {}",
                    host.serverName(), provider, host.cipherSuites().size() - enabled.size(), host.cipherSuites().size(),
                    host.cipherSuites().stream().filter(s -> !available.contains(s)).toList());
        }
        String setting = "cipherSuite" + host.cipherSpec().map(s -> " \"" + s + "\"").orElse("");
        if (enabled.isEmpty()) {
            problems.add(host.serverName(), setting, "none of the suites it enables for " + protocolList + " "
                            + forProtocols + " is implemented by the TLS provider " + provider + ".",
                    "choose suites the provider implements; `tlsctl ciphers -v 'STRING'` marks them.");
            return new String[0];
        }
        List<CipherSuite> tls12Suites = enabled.stream().map(CipherString::suite).flatMap(Optional::stream)
                .filter(s -> !s.isTls13()).toList();
        if (tls12 && !tls12Suites.isEmpty()) {
            checkKeyTypes(host, setting, certificates, tls12Suites, protocolList, problems);
        }
        return enabled.toArray(String[]::new);
    }

    /**
     * The provider's default suites, in its order, narrowed to forward-secret AEAD ones: every TLS 1.3
     * suite, and for TLS 1.2 only ECDHE/DHE with AES-GCM or ChaCha20-Poly1305 (no CBC, no static RSA
     * key exchange), as Mozilla's "intermediate" profile. The renegotiation-info signalling value stays.
     */
    static String[] secureDefault(String[] providerDefault) {
        return Arrays.stream(providerDefault).filter(SuiteSelection::isSecureDefault).toArray(String[]::new);
    }

    private static boolean isSecureDefault(String suite) {
        if (suite.equals("TLS_EMPTY_RENEGOTIATION_INFO_SCSV") || suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return forwardSecret && aead;
    }

    private static void checkKeyTypes(VirtualHost host, String setting, List<KeyMaterial> certificates,
                                      List<CipherSuite> suites, List<String> protocols, TlsConfigException.Collector problems) {
        Set<String> keyTypes = new TreeSet<>();
        certificates.forEach(m -> keyTypes.add(certificateKeyType(m.keyType())));
        boolean usable = suites.stream().anyMatch(s -> s.certificateKeyType() == null || keyTypes.contains(s.certificateKeyType()));
        if (usable) {
            return;
        }
        Set<String> needed = new TreeSet<>();
        suites.forEach(s -> needed.add(s.certificateKeyType()));
        List<String> examples = new ArrayList<>();
        suites.stream().limit(2).forEach(s -> examples.add(s.ianaName()));
        String have = String.join(" and ", keyTypes);
        problems.add(host.serverName(), setting, "leaves no TLS 1.2 suite usable with the host's " + have
                        + " certificate" + (keyTypes.size() > 1 ? "s" : "") + ": every suite it enables needs a certificate with a "
                        + String.join(" or ", needed) + " key (e.g. " + String.join(", ", examples) + "), so TLS 1.2 clients "
                        + "would fail with \"no shared cipher\" (F29).",
                "add suites for " + have + " keys (e.g. " + example(keyTypes) + "), add a certificate with a "
                        + String.join(" or ", needed) + " key, or drop TLS 1.2 (protocols is " + protocols + ").");
    }

    /** The key type a certificate's key serves in TLS 1.2 suite terms: RSA, EC or DSA. */
    static String certificateKeyType(String jcaAlgorithm) {
        return switch (jcaAlgorithm) {
            case "RSA", "RSASSA-PSS" -> "RSA";
            case "EC", "ECDSA", "EdDSA", "Ed25519", "Ed448" -> "EC";
            case "DSA" -> "DSA";
            default -> jcaAlgorithm;
        };
    }

    private static String example(Set<String> keyTypes) {
        if (keyTypes.contains("EC")) {
            return "ECDHE-ECDSA-AES128-GCM-SHA256 or aECDSA";
        }
        if (keyTypes.contains("RSA")) {
            return "ECDHE-RSA-AES128-GCM-SHA256 or aRSA";
        }
        return "aDSS";
    }
}

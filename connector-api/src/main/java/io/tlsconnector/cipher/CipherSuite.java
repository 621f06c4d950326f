package io.tlsconnector.cipher;

import java.util.Locale;
import java.util.Objects;

/**
 * One cipher suite as OpenSSL 3.0 describes it ({@code openssl ciphers -v}): its OpenSSL and IANA
 * names, the oldest protocol it works with, and its key exchange, authentication, encryption and MAC.
 *
 * @param id              the IANA code point, e.g. {@code 0xC02B}
 * @param openSslName     OpenSSL's name, e.g. {@code ECDHE-ECDSA-AES128-GCM-SHA256}
 * @param ianaName        the IANA (and JSSE) name, e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}
 * @param minProtocol     the oldest protocol version it can be used with: {@code SSLv3}, {@code TLSv1},
 *                        {@code TLSv1.2} or {@code TLSv1.3}
 * @param keyExchange     as {@code openssl ciphers -v} prints it: {@code ECDH}, {@code DH}, {@code RSA},
 *                        {@code PSK}, {@code RSAPSK}, {@code DHEPSK}, {@code ECDHEPSK}, {@code SRP}, {@code any}
 * @param authentication  {@code ECDSA}, {@code RSA}, {@code DSS}, {@code PSK}, {@code SRP}, {@code None}
 *                        (anonymous) or {@code any}
 * @param encryption      e.g. {@code AESGCM(128)}, {@code CHACHA20/POLY1305(256)}, {@code None}
 * @param mac             {@code AEAD}, {@code SHA384}, {@code SHA256}, {@code SHA1} or {@code MD5}
 * @param strengthBits    the symmetric strength OpenSSL sorts by ({@code @STRENGTH})
 * @param strengthClass   {@code HIGH}, {@code MEDIUM}, {@code LOW} or {@code NONE} (no encryption)
 * @param fips            OpenSSL's FIPS flag
 * @param notDefault      part of OpenSSL's {@code COMPLEMENTOFDEFAULT}
 */
public record CipherSuite(int id, String openSslName, String ianaName, String minProtocol, String keyExchange,
                          String authentication, String encryption, String mac, int strengthBits,
                          String strengthClass, boolean fips, boolean notDefault) {
    public CipherSuite {
        Objects.requireNonNull(openSslName, "openSslName");
        Objects.requireNonNull(ianaName, "ianaName");
    }

    /** True for TLS 1.3 suites, which are configured apart from the TLS &le; 1.2 cipher string. */
    public boolean isTls13() {
        return "TLSv1.3".equals(minProtocol);
    }

    /** Anonymous: the server proves nothing about itself, so anyone in the middle can pose as it (aNULL). */
    public boolean isAnonymous() {
        return "None".equals(authentication);
    }

    /** No encryption at all: everything is sent in clear text (eNULL). */
    public boolean isNullEncryption() {
        return "None".equals(encryption);
    }

    /**
     * The public-key type the server's certificate must have for this suite: {@code RSA}, {@code EC},
     * {@code DSA}; {@code null} when the suite needs no certificate (anonymous, PSK, SRP) or takes any
     * (TLS 1.3).
     */
    public String certificateKeyType() {
        return switch (authentication) {
            case "RSA" -> "RSA";
            case "ECDSA" -> "EC";
            case "DSS" -> "DSA";
            default -> null;
        };
    }

    /** The {@code openssl ciphers -v} line for this suite, without a line break. */
    public String description() {
        return String.format(Locale.ROOT, "%-30s %-7s Kx=%-8s Au=%-5s Enc=%-22s Mac=%-4s",
                openSslName, minProtocol, keyExchange, authentication, encryption, mac).stripTrailing();
    }

    @Override
    public String toString() {
        return ianaName;
    }
}

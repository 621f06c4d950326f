package io.tlsconnector.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tlsconnector.cipher.CipherString;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * What the BoringSSL engine (netty-tcnative) can do and which host settings it cannot honour. Touches
 * Netty only through {@link BoringSsl}, so it answers "unavailable" when Netty is not on the class path.
 */
final class BoringSslCapabilities implements EngineCapabilities {
    static final BoringSslCapabilities INSTANCE = new BoringSslCapabilities();
    /** The TLS 1.3 suites BoringSSL always enables; it has no setting to narrow them. */
    static final Set<String> TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private BoringSslCapabilities() {
    }

    @Override
    public Engine engine() {
        return Engine.BORINGSSL;
    }

    @Override
    public Optional<String> unavailability() {
        return BoringSsl.unavailability();
    }

    @Override
    public String installHint() {
        return "add io.netty:netty-tcnative-boringssl-static with this platform's classifier (connector-api brings"
                + " linux-x86_64, linux-aarch_64, osx-x86_64, osx-aarch_64 and windows-x86_64)";
    }

    @Override
    public String fallbackCost() {
        return "costs several times more CPU per handshake and has no post-quantum key exchange. Fix: put"
                + " io.netty:netty-tcnative-boringssl-static for this platform on the class path (on JDK 24+ also"
                + " --enable-native-access=ALL-UNNAMED), or choose TlsConfig.builder().engine(Engine.JSSE) to"
                + " silence this warning.";
    }

    @Override
    public boolean sharesSessionsAcrossProcesses() {
        return true;
    }

    @Override
    public boolean servesSrp() {
        return false;
    }

    @Override
    public List<Limit> limits(VirtualHost host) {
        List<Limit> limits = new ArrayList<>();
        DhParameters.declaredBy(host).ifPresent(dh -> limits.add(Limit.ignored("the DH parameters in " + dh.origin()
                + " (SSLOpenSSLConfCmd DHParameters, or a DH PARAMETERS block after the certificate): BoringSSL has no"
                + " finite-field DHE")));
        if (host.ocspStapling().enabled() && host.certificates().size() > 1) {
            limits.add(Limit.ignored("ocspStapling (SSLUseStapling) with " + host.certificates().size() + " certificates: BoringSSL in"
                    + " netty-tcnative staples one response per connection, not one per certificate"));
        }
        if (host.verifyClient() == VerifyClient.OPTIONAL_NO_CA) {
            limits.add(Limit.ignored("verifyClient optional_no_ca (SSLVerifyClient optional_no_ca): the self-made client certificates it"
                    + " admits often have Ed25519 keys, and BoringSSL in netty-tcnative cannot accept Ed25519 or Ed448 client signatures"));
        }
        if (!host.signatureAlgorithms().isEmpty()) {
            limits.add(Limit.fatal("signatureAlgorithms " + String.join(":", host.signatureAlgorithms())
                            + " (SSLOpenSSLConfCmd SignatureAlgorithms): BoringSSL in netty-tcnative has no setting for them",
                    "so the host would sign with algorithms it was told not to.",
                    "drop signatureAlgorithms (SSLOpenSSLConfCmd SignatureAlgorithms), or serve the host on Engine.JSSE"
                            + " (without sessions shared across servers), which honours them."));
        }
        Set<String> protocols = host.protocols().protocols();
        boolean tls12 = protocols.stream().anyMatch(p -> !p.equals("TLSv1.3"));
        if (!host.cipherSuites().isEmpty() && tls12) {
            List<String> tls12Suites = host.cipherSuites().stream()
                    .filter(name -> CipherString.suite(name).map(s -> !s.isTls13()).orElse(false)).toList();
            Set<String> available = BoringSsl.PRESENT && BoringSsl.unavailability().isEmpty()
                    ? BoringSsl.implementedSuites() : Set.of();
            List<String> dhe = tls12Suites.stream().filter(name -> name.startsWith("TLS_DHE_")).toList();
            if (!dhe.isEmpty()) {
                limits.add(Limit.ignored("cipherSuite " + spec(host) + ": its DHE suites " + dhe + " need finite-field DHE, which"
                        + " BoringSSL lacks (add !kDHE to the cipher string to serve the host on BoringSSL)"));
            } else if (!tls12Suites.isEmpty() && !available.isEmpty() && tls12Suites.stream().noneMatch(available::contains)) {
                limits.add(Limit.fatal("cipherSuite " + spec(host) + ": none of its TLS 1.2 suites is implemented by BoringSSL"
                                + " (it has no DHE, CCM or SHA-256/384 CBC suites)",
                        "so TLS 1.2 clients could never connect (F29).",
                        "add ECDHE suites with AES-GCM or ChaCha20 (e.g. ECDHE+AESGCM), or drop TLS 1.2 from protocols."));
            }
        }
        List<String> tls13 = host.tls13CipherSuites();
        if (!tls13.isEmpty() && protocols.contains("TLSv1.3") && !Set.copyOf(tls13).equals(TLS13_SUITES)) {
            limits.add(Limit.ignored("SSLCipherSuite TLSv1.3 " + String.join(":", tls13) + ": BoringSSL always enables all of "
                    + TLS13_SUITES + " and has no setting to narrow them"));
        }
        return limits;
    }

    private static String spec(VirtualHost host) {
        return host.cipherSpec().map(s -> "\"" + s + "\"").orElse("(OpenSSL's DEFAULT for TLS 1.2)");
    }
}

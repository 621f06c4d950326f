package io.tlsconnector.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.cipher.CipherString;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;

/**
 * Picks the engine of one virtual host by what each engine can do: the host's (or the
 * configuration's) choice, BoringSSL when sessions must resume across servers, else {@link #DEFAULT}.
 * Where BoringSSL is the default and cannot load here, or the host has a setting only JSSE honours,
 * the host falls back to JSSE with a log line naming the setting. A host that must run on BoringSSL
 * (its own choice, or shared sessions) with such a setting is served there, with a warning naming
 * each setting BoringSSL does not honour. A host with an SRP verifier file always runs on
 * {@link Engine#BCTLS}, the only engine with TLS-SRP (F35).
 */
final class EngineChoice {
    private static final Logger log = LoggerFactory.getLogger(EngineChoice.class);
    /** The TLS 1.3 suites BoringSSL always enables; it has no setting to narrow them. */
    static final Set<String> BORINGSSL_TLS13 = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");
    private static final AtomicBoolean WARNED_UNAVAILABLE = new AtomicBoolean();
    private static final String NO_SIGNATURE_ALGORITHMS = "signatureAlgorithms";
    private static final String NO_TLS12_SUITE = "none of its TLS 1.2 suites is implemented by BoringSSL";
    /** The engine of a host that asks for none: BoringSSL, unless it cannot load or the host needs JSSE. */
    static final Engine DEFAULT = Engine.BORINGSSL;

    private EngineChoice() {
    }

    /** The engine for {@code host}; problems are added for a choice that cannot be honoured. */
    static Engine choose(VirtualHost host, Optional<Engine> configured, SessionSettings sessions,
                         TlsConfigException.Collector problems) {
        Optional<Engine> asked = host.engine().or(() -> configured);
        String askedBy = host.engine().isPresent() ? "engine(" + host.engine().get() + ") on the virtual host"
                : "TlsConfig engine(" + configured.map(Enum::name).orElse("") + ")";
        boolean shared = sessions.sharedAcrossProcesses();
        if (host.srpVerifierFile().isPresent()) {
            return srp(host, askedBy, sessions, problems);
        }
        if (asked.equals(Optional.of(Engine.BCTLS))) {
            problems.add(host.serverName(), askedBy, "chooses " + Engine.BCTLS.displayName() + ", which serves only TLS-SRP"
                    + " hosts, but the host has no srpVerifierFile.", "add srpVerifierFile(...) (SSLSRPVerifierFile), or choose"
                    + " Engine.BORINGSSL or Engine.JSSE.");
            return Engine.BCTLS;
        }
        if (asked.isEmpty() && !shared && DEFAULT == Engine.JSSE) {
            return Engine.JSSE;
        }
        Optional<String> unavailable = BoringSsl.unavailability();
        List<String> limits = nativeLimits(host);
        if (asked.equals(Optional.of(Engine.JSSE))) {
            if (shared) {
                problems.add(host.serverName(), sharingSetting(sessions), "asks for sessions that resume on every server, but "
                                + askedBy + " chooses JSSE, which cannot share session-ticket keys.",
                        "let the host run on BoringSSL (remove the JSSE choice), or keep sessions on each server.");
            }
            return Engine.JSSE;
        }
        if (unavailable.isPresent()) {
            String reason = unavailable.get();
            if (asked.isPresent() || shared) {
                String setting = asked.isPresent() ? askedBy : sharingSetting(sessions);
                problems.add(host.serverName(), setting, "needs the " + Engine.BORINGSSL.displayName() + " engine, but " + reason + ".",
                        "add io.netty:netty-tcnative-boringssl-static with this platform's classifier (connector-api brings"
                                + " linux-x86_64, linux-aarch_64, osx-x86_64, osx-aarch_64 and windows-x86_64)"
                                + (shared ? ", or keep sessions on each server." : ", or choose Engine.JSSE."));
                return Engine.BORINGSSL;
            }
            if (WARNED_UNAVAILABLE.compareAndSet(false, true)) {
                log.warn("The BoringSSL engine cannot run here: {}. Virtual hosts are served by JSSE, which costs several"
                        + " times more CPU per handshake and has no post-quantum key exchange. Fix: put"
                        + " io.netty:netty-tcnative-boringssl-static for this platform on the class path (on JDK 24+ also"
                        + " --enable-native-access=ALL-UNNAMED), or choose TlsConfig.builder().engine(Engine.JSSE) to"
                        + " silence this warning.", reason);
            }
            return Engine.JSSE;
        }
        if (!limits.isEmpty()) {
            if (asked.isPresent() || shared) {
                String setting = asked.isPresent() ? askedBy : sharingSetting(sessions);
                limits.stream().filter(l -> l.startsWith(NO_SIGNATURE_ALGORITHMS)).forEach(limit -> problems.add(host.serverName(), setting,
                        "needs the " + Engine.BORINGSSL.displayName() + " engine, but " + limit + ", so the host would sign with"
                                + " algorithms it was told not to.",
                        "drop signatureAlgorithms (SSLOpenSSLConfCmd SignatureAlgorithms), or serve the host on Engine.JSSE"
                                + " (without sessions shared across servers), which honours them."));
                limits.stream().filter(l -> l.contains(NO_TLS12_SUITE)).forEach(limit -> problems.add(host.serverName(), setting,
                        "needs the " + Engine.BORINGSSL.displayName() + " engine, but " + limit + ", so TLS 1.2 clients could"
                                + " never connect (F29).",
                        "add ECDHE suites with AES-GCM or ChaCha20 (e.g. ECDHE+AESGCM), or drop TLS 1.2 from protocols."));
                log.warn("Virtual host '{}' is served by {} ({}), which does not honour: {}. Drop those settings, or serve"
                        + " the host on JSSE (Engine.JSSE, without sessions shared across servers) to keep them.",
                        host.serverName(), Engine.BORINGSSL.displayName(), setting, String.join("; ", limits));
                return Engine.BORINGSSL;
            }
            log.info("Virtual host '{}' stays on JSSE instead of {}: {}. To serve it on BoringSSL, drop that setting.",
                    host.serverName(), Engine.BORINGSSL.displayName(), String.join("; ", limits));
            return Engine.JSSE;
        }
        return Engine.BORINGSSL;
    }

    /**
     * A host with an SRP verifier file runs on Bouncy Castle's TLS classes, the only engine here with
     * TLS-SRP; its own choice of another engine, or sessions shared across servers, cannot be honoured.
     */
    private static Engine srp(VirtualHost host, String askedBy, SessionSettings sessions, TlsConfigException.Collector problems) {
        String setting = "srpVerifierFile " + host.srpVerifierFile().get();
        if (host.engine().isPresent() && host.engine().get() != Engine.BCTLS) {
            problems.add(host.serverName(), setting, "needs the " + Engine.BCTLS.displayName() + " engine (the only one here"
                    + " with TLS-SRP), but " + askedBy + " chooses " + host.engine().get().displayName() + ".",
                    "remove the host's engine(...) choice, or drop srpVerifierFile.");
        }
        if (host.sessions(sessions).sharedAcrossProcesses()) {
            problems.add(host.serverName(), setting, "runs on " + Engine.BCTLS.displayName() + ", which cannot share sessions"
                    + " across servers, but " + sharingSetting(host.sessions(sessions)) + " asks for that.",
                    "keep sessions on each server for this host (no sessionTicketKeyFile or shared cache).");
        }
        log.info("Virtual host '{}' runs on {}: it has an SRP verifier file ({}), and no other engine here has TLS-SRP",
                host.serverName(), Engine.BCTLS.displayName(), host.srpVerifierFile().get());
        return Engine.BCTLS;
    }

    /** Each setting of {@code host} that BoringSSL cannot honour, with the reason, as a start-up line names it. */
    static List<String> nativeLimits(VirtualHost host) {
        List<String> limits = new ArrayList<>();
        DhParameters.declaredBy(host).ifPresent(dh -> limits.add("the DH parameters in " + dh.origin()
                + " (SSLOpenSSLConfCmd DHParameters, or a DH PARAMETERS block after the certificate): BoringSSL has no"
                + " finite-field DHE"));
        if (host.ocspStapling().enabled() && host.certificates().size() > 1) {
            limits.add("ocspStapling (SSLUseStapling) with " + host.certificates().size() + " certificates: BoringSSL in"
                    + " netty-tcnative staples one response per connection, not one per certificate");
        }
        if (host.verifyClient() == VerifyClient.OPTIONAL_NO_CA) {
            limits.add("verifyClient optional_no_ca (SSLVerifyClient optional_no_ca): the self-made client certificates it"
                    + " admits often have Ed25519 keys, and BoringSSL in netty-tcnative cannot accept Ed25519 or Ed448 client signatures");
        }
        if (!host.signatureAlgorithms().isEmpty()) {
            limits.add(NO_SIGNATURE_ALGORITHMS + " " + String.join(":", host.signatureAlgorithms())
                    + " (SSLOpenSSLConfCmd SignatureAlgorithms): BoringSSL in netty-tcnative has no setting for them");
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
                limits.add("cipherSuite " + spec(host) + ": its DHE suites " + dhe + " need finite-field DHE, which BoringSSL lacks (add !kDHE to the cipher string to serve the"
                        + " host on BoringSSL)");
            } else if (!tls12Suites.isEmpty() && !available.isEmpty() && tls12Suites.stream().noneMatch(available::contains)) {
                limits.add("cipherSuite " + spec(host) + ": " + NO_TLS12_SUITE + " (it has no DHE, CCM or SHA-256/384 CBC suites)");
            }
        }
        List<String> tls13 = host.tls13CipherSuites();
        if (!tls13.isEmpty() && protocols.contains("TLSv1.3") && !Set.copyOf(tls13).equals(BORINGSSL_TLS13)) {
            limits.add("SSLCipherSuite TLSv1.3 " + String.join(":", tls13) + ": BoringSSL always enables all of "
                    + BORINGSSL_TLS13 + " and has no setting to narrow them");
        }
        return limits;
    }

    private static String spec(VirtualHost host) {
        return host.cipherSpec().map(s -> "\"" + s + "\"").orElse("(OpenSSL's DEFAULT for TLS 1.2)");
    }

    /** The setting that asks for sessions shared across servers, as a message names it. */
    static String sharingSetting(SessionSettings sessions) {
        return sessions.ticketKeyFile().map(f -> "sessionTicketKeyFile " + f)
                .orElseGet(() -> "sessionCache " + sessions.cache().map(c -> c.describe()).orElse("?"));
    }
}

package io.tlsconnector.internal.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

import io.tlsconnector.config.Engine;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.session.TicketKeys;

/**
 * The engines of a host with an SRP verifier file (TLS-SRP, F35): Bouncy Castle's TLS protocol classes
 * behind {@link BcSrpEngine}, TLS 1.2 only, with the host's SRP suites and its ECDHE certificate suites.
 * No session cache: every connection makes a full handshake.
 */
final class BcSrpEngineFactory implements HostEngineFactory {
    /** The suites this engine serves, by IANA name: SRP (with or without RSA signature) and ECDHE with RSA or ECDSA. */
    static final Map<String, Integer> IMPLEMENTED = implemented();
    /** The only engine with TLS-SRP, and only for it; no session cache, so nothing shared across processes. */
    static final EngineCapabilities CAPABILITIES = new EngineCapabilities.Plain(Engine.BCTLS, false, true, true);

    private final String serverName;
    private final SrpVerifiers verifiers;
    private final List<KeyMaterial> certificates;
    private final int[] cipherSuiteIds;
    private final boolean honorCipherOrder;
    private final JcaTlsCrypto crypto;

    BcSrpEngineFactory(String serverName, SrpVerifiers verifiers, List<KeyMaterial> certificates, String[] suites,
                     boolean honorCipherOrder, SecureRandom random) {
        this.serverName = serverName;
        this.verifiers = verifiers;
        this.certificates = List.copyOf(certificates);
        this.cipherSuiteIds = java.util.Arrays.stream(suites).filter(IMPLEMENTED::containsKey).mapToInt(IMPLEMENTED::get).toArray();
        this.honorCipherOrder = honorCipherOrder;
        this.crypto = (JcaTlsCrypto) new JcaTlsCryptoProvider().create(random);
    }

    private static Map<String, Integer> implemented() {
        Map<String, Integer> suites = new HashMap<>();
        Set<Integer> served = Set.of(KeyExchangeAlgorithm.SRP, KeyExchangeAlgorithm.SRP_RSA, KeyExchangeAlgorithm.ECDHE_RSA,
                KeyExchangeAlgorithm.ECDHE_ECDSA);
        for (Field field : CipherSuite.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class && field.getName().startsWith("TLS_")) {
                try {
                    int id = field.getInt(null);
                    if (served.contains(TlsUtils.getKeyExchangeAlgorithm(id))
                            && TlsUtils.isValidVersionForCipherSuite(id, org.bouncycastle.tls.ProtocolVersion.TLSv12)) {
                        suites.put(field.getName(), id);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Map.copyOf(suites);
    }

    String serverName() {
        return serverName;
    }

    SrpVerifiers verifiers() {
        return verifiers;
    }

    int[] cipherSuiteIds() {
        return cipherSuiteIds.clone();
    }

    boolean honorCipherOrder() {
        return honorCipherOrder;
    }

    /** The host's certificate for {@code keyType} ({@code RSA} or {@code EC}), if it has one. */
    Optional<KeyMaterial> certificate(String keyType) {
        return certificates.stream().filter(m -> SuiteSelection.certificateKeyType(m.keyType()).equals(keyType)
                && !m.keyType().startsWith("Ed")).findFirst();
    }

    @Override
    public Engine engine() {
        return Engine.BCTLS;
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    /** {@code BCTLS/1.82}: the Bundle-Version of the bctls jar (it has no Implementation-Version). */
    private static final String LIBRARY = "BCTLS/" + bctlsVersion();

    private static String bctlsVersion() {
        java.net.URL self = CipherSuite.class.getResource("CipherSuite.class");
        if (self != null && "jar".equals(self.getProtocol())) {
            String jar = self.toString().substring(0, self.toString().indexOf("!/") + 2);
            try (java.io.InputStream in = new java.net.URL(jar + "META-INF/MANIFEST.MF").openStream()) {
                String version = new java.util.jar.Manifest(in).getMainAttributes().getValue("Bundle-Version");
                if (version != null) {
                    return version;
                }
            } catch (java.io.IOException unreadable) {
                // fall through
            }
        }
        return "unknown";
    }

    @Override
    public SSLEngine newEngine(String peerHost, int peerPort, List<String> applicationProtocols) {
        return new BcSrpEngine(this, crypto, peerHost, peerPort, new ArrayList<>(applicationProtocols));
    }

    /** IANA name of a suite this engine serves. */
    static String nameOf(int id) {
        return IMPLEMENTED.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst()
                .orElse(String.format("0x%04X", id));
    }

    @Override
    public boolean sharesTicketKeys() {
        return false;
    }

    @Override
    public void ticketKeys(TicketKeys keys) {
        throw new UnsupportedOperationException("the Bouncy Castle TLS-SRP engine cannot take session-ticket keys");
    }

    @Override
    public long cachedSessions() {
        return 0;
    }

    @Override
    public long sessionCacheLimit() {
        return 0;
    }

    @Override
    public int liveEngines() {
        return 0;
    }

    @Override
    public void close() {
        // Heap objects only.
    }
}

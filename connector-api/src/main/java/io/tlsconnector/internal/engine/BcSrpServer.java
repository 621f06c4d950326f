package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Vector;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRPLoginParameters;
import org.bouncycastle.tls.TlsSRPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsSRPConfig;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.pki.KeyMaterial;

/**
 * One connection's server side on Bouncy Castle's TLS protocol classes: TLS 1.2, the host's SRP suites
 * (RFC 5054) with logins from its verifier file, and its certificate suites (ECDHE with RSA or ECDSA
 * signatures) for clients without a password. An unknown user without an unknown-user seed gets
 * {@code unknown_psk_identity}, as mod_ssl's {@code ssl_callback_SRPServerParams} sends.
 */
final class BcSrpServer extends DefaultTlsServer {
    private static final Logger log = LoggerFactory.getLogger(BcSrpServer.class);

    private final BcSrpEngineFactory host;
    private final JcaTlsCrypto crypto;
    private final List<String> applicationProtocols;
    private String identity;
    private SrpVerifiers.Login login;
    private String failure;

    BcSrpServer(BcSrpEngineFactory host, JcaTlsCrypto crypto, List<String> applicationProtocols) {
        super(crypto);
        this.host = host;
        this.crypto = crypto;
        this.applicationProtocols = applicationProtocols;
    }

    /** The protocol's context once the handshake began; null before. */
    org.bouncycastle.tls.TlsServerContext context() {
        return context;
    }

    /** The SRP user of the handshake, once the client named one. */
    Optional<String> srpUser() {
        return Optional.ofNullable(identity);
    }

    /** The {@code -userinfo} of the SRP user from the verifier file, or empty. */
    Optional<String> srpUserInfo() {
        return login == null || login.simulated() ? Optional.empty() : Optional.ofNullable(login.info());
    }

    /** Why the handshake failed, as a log line says it; null while it has not. */
    String failure() {
        return failure;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.TLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return host.cipherSuiteIds();
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return host.honorCipherOrder();
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        byte[] srp = TlsSRPUtils.getSRPExtension(clientExtensions);
        // OpenSSL reads the identity as a C string.
        identity = srp == null ? null : new String(srp, StandardCharsets.UTF_8);
    }

    @Override
    protected boolean isSelectableCipherSuite(int cipherSuite, int availCurveBits, int availFiniteFieldBits, Vector sigAlgs) {
        if (!super.isSelectableCipherSuite(cipherSuite, availCurveBits, availFiniteFieldBits, sigAlgs)) {
            return false;
        }
        return switch (TlsUtils.getKeyExchangeAlgorithm(cipherSuite)) {
            case KeyExchangeAlgorithm.SRP -> identity != null;
            case KeyExchangeAlgorithm.SRP_RSA -> identity != null && host.certificate("RSA").isPresent();
            case KeyExchangeAlgorithm.ECDHE_RSA -> host.certificate("RSA").isPresent();
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> host.certificate("EC").isPresent();
            default -> false;
        };
    }

    @Override
    public int getSelectedCipherSuite() throws IOException {
        int cipherSuite = super.getSelectedCipherSuite();
        if (TlsSRPUtils.isSRPCipherSuite(cipherSuite)) {
            login = host.verifiers().lookup(identity).orElse(null);
            if (login == null) {
                failure = "SRP user '" + identity + "' is not in " + host.verifiers().file()
                        + " (no srpUnknownUserSeed, so the client learns that the user does not exist)";
                throw new TlsFatalAlert(AlertDescription.unknown_psk_identity);
            }
        }
        return cipherSuite;
    }

    @Override
    public TlsSRPLoginParameters getSRPLoginParameters() {
        if (login == null) {
            return null;
        }
        TlsSRPConfig config = new TlsSRPConfig();
        config.setExplicitNG(new java.math.BigInteger[] {login.n(), login.g()});
        return new TlsSRPLoginParameters(identity.getBytes(StandardCharsets.UTF_8), config, login.verifier(), login.salt());
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        int keyExchange = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
        return switch (keyExchange) {
            case KeyExchangeAlgorithm.SRP -> null;
            case KeyExchangeAlgorithm.SRP_RSA, KeyExchangeAlgorithm.ECDHE_RSA -> signer("RSA", SignatureAlgorithm.rsa);
            case KeyExchangeAlgorithm.ECDHE_ECDSA -> signer("EC", SignatureAlgorithm.ecdsa);
            default -> throw new TlsFatalAlert(AlertDescription.internal_error, "key exchange " + keyExchange + " is not served");
        };
    }

    private TlsCredentialedSigner signer(String keyType, short signatureAlgorithm) throws IOException {
        KeyMaterial material = host.certificate(keyType)
                .orElseThrow(() -> new TlsFatalAlert(AlertDescription.internal_error, "no " + keyType + " certificate"));
        TlsCertificate[] chain = new TlsCertificate[material.chain().size()];
        for (int i = 0; i < chain.length; i++) {
            X509Certificate certificate = material.chain().get(i);
            try {
                chain[i] = crypto.createCertificate(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new TlsFatalAlert(AlertDescription.internal_error, e);
            }
        }
        SignatureAndHashAlgorithm chosen = null;
        Vector clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        if (clientSigAlgs != null) {
            for (Object o : clientSigAlgs) {
                SignatureAndHashAlgorithm candidate = (SignatureAndHashAlgorithm) o;
                if (candidate.getSignature() == signatureAlgorithm && candidate.getHash() >= org.bouncycastle.tls.HashAlgorithm.sha256
                        && candidate.getHash() <= org.bouncycastle.tls.HashAlgorithm.sha512) {
                    chosen = candidate;
                    break;
                }
            }
            if (chosen == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client accepts no SHA-2 "
                        + (signatureAlgorithm == SignatureAlgorithm.rsa ? "RSA" : "ECDSA") + " signature");
            }
        }
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, material.privateKey(),
                new Certificate(chain), chosen);
    }

    /** ALPN is chosen once the suite is known, so a CBC suite (every SRP suite) never gets h2 (RFC 9113 §9.2.2). */
    @Override
    protected boolean shouldSelectProtocolNameEarly() {
        return false;
    }

    @Override
    protected Vector getProtocolNames() {
        boolean cbc = selectedCipherSuite >= 0 && TlsUtils.getCipherType(selectedCipherSuite) == CipherType.block;
        Vector names = new Vector();
        applicationProtocols.stream().filter(p -> !(cbc && p.equals("h2")))
                .forEach(p -> names.add(ProtocolName.asUtf8Encoding(p)));
        return names.isEmpty() ? null : names;
    }

    /** As the other engines: a client that shares no application protocol speaks the default one. */
    @Override
    protected ProtocolName selectProtocolName() throws IOException {
        try {
            return super.selectProtocolName();
        } catch (TlsFatalAlert noCommon) {
            return null;
        }
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal && failure == null) {
            String who = identity == null ? "a client without SRP user" : "SRP user '" + identity + "'";
            if (alertDescription == AlertDescription.bad_record_mac && identity != null && login != null) {
                failure = login.simulated()
                        ? who + " is not in " + host.verifiers().file() + " (answered as a wrong password, from srpUnknownUserSeed,"
                                + " so the client cannot tell)"
                        : who + ": wrong password (the client's Finished message does not verify)";
            } else {
                failure = who + ": " + AlertDescription.getText(alertDescription) + (message == null ? "" : " (" + message + ")");
            }
        }
        if (alertLevel == AlertLevel.fatal) {
            log.info("Virtual host '{}': TLS-SRP handshake failed, sending alert {}: {}", host.serverName(),
                    AlertDescription.getText(alertDescription), failure);
        }
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal && failure == null) {
            failure = "the client sent alert " + AlertDescription.getText(alertDescription)
                    + (identity == null ? "" : " (SRP user '" + identity + "')");
            log.info("Virtual host '{}': {}", host.serverName(), failure);
        }
    }
}

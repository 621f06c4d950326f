package io.tlsconnector.internal.engine;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

import org.bouncycastle.tls.SecurityParameters;

import io.tlsconnector.pki.KeyMaterial;

/**
 * The session of one {@link BcSrpEngine} connection, as JSSE callers read a session. The local
 * certificates are the host's (the one sent, else its first), as mod_ssl's {@code SSL_SERVER_*}
 * variables show the configured certificate even when an SRP suite sends none. Clients show no
 * certificate: SRP hosts do not ask for one.
 */
final class BcSrpSession implements SSLSession {
    private final BcSrpEngine engine;
    private final String peerHost;
    private final int peerPort;
    private final long created = System.currentTimeMillis();
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    BcSrpSession(BcSrpEngine engine, String peerHost, int peerPort) {
        this.engine = engine;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    /** The engine whose connection this session describes. */
    BcSrpEngine engine() {
        return engine;
    }

    @Override
    public byte[] getId() {
        SecurityParameters parameters = engine.parameters();
        byte[] id = parameters == null ? null : parameters.getSessionID();
        return id == null ? new byte[0] : id.clone();
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return created;
    }

    @Override
    public long getLastAccessedTime() {
        return created;
    }

    @Override
    public void invalidate() {
        // No session cache: nothing to remove.
    }

    @Override
    public boolean isValid() {
        return engine.parameters() != null;
    }

    @Override
    public void putValue(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        values.remove(name);
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(String[]::new);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("TLS-SRP hosts ask for no client certificate");
    }

    @Override
    public Certificate[] getLocalCertificates() {
        SecurityParameters parameters = engine.parameters();
        String keyType = "RSA";
        if (parameters != null && parameters.getLocalCertificate() != null && !parameters.getLocalCertificate().isEmpty()) {
            keyType = switch (org.bouncycastle.tls.TlsUtils.getKeyExchangeAlgorithm(parameters.getCipherSuite())) {
                case org.bouncycastle.tls.KeyExchangeAlgorithm.ECDHE_ECDSA -> "EC";
                default -> "RSA";
            };
        }
        KeyMaterial material = engine.host().certificate(keyType).or(() -> engine.host().certificate("EC"))
                .or(() -> engine.host().certificate("RSA")).orElse(null);
        return material == null ? null : material.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("TLS-SRP hosts ask for no client certificate");
    }

    @Override
    public Principal getLocalPrincipal() {
        Certificate[] local = getLocalCertificates();
        return local == null ? null : ((X509Certificate) local[0]).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        SecurityParameters parameters = engine.parameters();
        return parameters == null ? "SSL_NULL_WITH_NULL_NULL" : BcSrpEngineFactory.nameOf(parameters.getCipherSuite());
    }

    @Override
    public String getProtocol() {
        return engine.parameters() == null ? "NONE" : "TLSv1.2";
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return 16384 + 2048 + 5;
    }

    @Override
    public int getApplicationBufferSize() {
        return 16384;
    }
}

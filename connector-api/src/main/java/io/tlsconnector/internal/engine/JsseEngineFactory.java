package io.tlsconnector.internal.engine;

import java.security.AlgorithmConstraints;
import java.security.Provider;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.tlsconnector.config.Engine;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.session.TicketKeys;

/**
 * JSSE's engines, the fallback: no native code, no release needed. Cannot share ticket keys across
 * processes (platform-facts.md §1b).
 */
final class JsseEngineFactory implements HostEngineFactory {
    /** Runs in every JVM and honours every host setting; shares no sessions across processes, has no TLS-SRP. */
    static final EngineCapabilities CAPABILITIES = new EngineCapabilities.Plain(Engine.JSSE, false, false, false);
    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean honorCipherOrder;
    private final VerifyClient verifyClient;
    private final AlgorithmConstraints signatureSchemes;

    /** @param signatureSchemes the IANA signature schemes the host allows; empty for JSSE's own */
    JsseEngineFactory(SSLContext context, String[] protocols, String[] cipherSuites, boolean honorCipherOrder,
                    VerifyClient verifyClient, List<String> signatureSchemes) {
        this.signatureSchemes = signatureSchemes.isEmpty() ? null : new SignatureSchemeConstraints(signatureSchemes);
        this.context = context;
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
        this.honorCipherOrder = honorCipherOrder;
        this.verifyClient = verifyClient;
    }

    @Override
    public Engine engine() {
        return Engine.JSSE;
    }

    @Override
    public String library() {
        Provider provider = context.getProvider();
        return provider.getName() + "/" + provider.getVersionStr();
    }

    @Override
    public SSLEngine newEngine(String peerHost, int peerPort, List<String> applicationProtocols) {
        SSLEngine engine = peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(honorCipherOrder);
        switch (verifyClient) {
            case REQUIRE -> parameters.setNeedClientAuth(true);
            case OPTIONAL, OPTIONAL_NO_CA -> parameters.setWantClientAuth(true);
            case NONE -> { }
        }
        if (signatureSchemes != null) {
            parameters.setAlgorithmConstraints(signatureSchemes);
        }
        if (!applicationProtocols.isEmpty()) {
            parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public boolean sharesTicketKeys() {
        return false;
    }

    @Override
    public void ticketKeys(TicketKeys keys) {
        throw new UnsupportedOperationException("JSSE cannot take session-ticket keys; the BoringSSL engine can");
    }

    @Override
    public boolean tellsResumption() {
        return false;
    }

    @Override
    public long cachedSessions() {
        return Collections.list(context.getServerSessionContext().getIds()).size();
    }

    @Override
    public long sessionCacheLimit() {
        return context.getServerSessionContext().getSessionCacheSize();
    }

    @Override
    public int liveEngines() {
        return 0;
    }

    @Override
    public void close() {
        // JSSE engines are freed by the garbage collector.
    }
}

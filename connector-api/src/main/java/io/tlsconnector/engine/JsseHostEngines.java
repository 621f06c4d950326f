package io.tlsconnector.engine;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.tlsconnector.session.TicketKeys;

/**
 * JSSE's engines, the default: no native code, no release needed. Cannot share ticket keys across
 * processes (platform-facts.md §1b).
 */
final class JsseHostEngines implements HostEngines {
    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    JsseHostEngines(SSLContext context, String[] protocols, String[] cipherSuites) {
        this.context = context;
        this.protocols = protocols.clone();
        this.cipherSuites = cipherSuites.clone();
    }

    @Override
    public String name() {
        return "JSSE";
    }

    @Override
    public SSLEngine newEngine(String peerHost, int peerPort, List<String> applicationProtocols) {
        SSLEngine engine = peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(cipherSuites);
        parameters.setUseCipherSuitesOrder(true);
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
    public int liveEngines() {
        return 0;
    }

    @Override
    public void close() {
        // JSSE engines are freed by the garbage collector.
    }
}

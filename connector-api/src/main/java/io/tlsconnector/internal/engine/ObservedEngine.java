package io.tlsconnector.internal.engine;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;


/**
 * An {@link SSLEngine} for adapters whose container offers no handshake events or per-connection
 * close hook (Tomcat): it reports its handshake and failures to its {@link EngineEvents} (the
 * connection pipeline, which logs them, F39), lets them refuse a renegotiation before it reads a record,
 * and, once they ask, closes without a close_notify alert (mod_ssl's ssl-unclean-shutdown, F34).
 */
public final class ObservedEngine extends SSLEngine {
    private static final SSLEngineResult CLOSED_SILENTLY =
            new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);

    private final SSLEngine engine;
    private final EngineEvents events;
    private volatile boolean outboundClosed;

    /**
     * @param client the client's address, or null when the container does not tell
     * @param events where the handshake is reported
     */
    public ObservedEngine(SSLEngine engine, SocketAddress client, EngineEvents events) {
        super(client instanceof InetSocketAddress a ? a.getHostString() : null, client instanceof InetSocketAddress a ? a.getPort() : -1);
        this.engine = engine;
        this.events = events;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        if (outboundClosed && events.closesWithoutNotify()) {
            return CLOSED_SILENTLY;
        }
        try {
            return observe(engine.wrap(srcs, offset, length, dst));
        } catch (SSLException e) {
            events.handshakeFailed(e);
            throw e;
        } catch (RuntimeException e) {
            events.handshakeFailed(e);
            throw e;
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        try {
            events.beforeUnwrap(src);
            return observe(engine.unwrap(src, dsts, offset, length));
        } catch (SSLException e) {
            events.handshakeFailed(e);
            throw e;
        } catch (RuntimeException e) {
            events.handshakeFailed(e);
            throw e;
        }
    }

    private SSLEngineResult observe(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
            events.handshakeSucceeded();
        }
        return result;
    }

    @Override
    public void closeOutbound() {
        outboundClosed = true;
        if (!events.closesWithoutNotify()) {
            engine.closeOutbound();
        }
    }

    @Override
    public boolean isOutboundDone() {
        return (outboundClosed && events.closesWithoutNotify()) || engine.isOutboundDone();
    }

    @Override
    public void closeInbound() throws SSLException {
        if (events.closesWithoutNotify()) {
            // A client that gets no close_notify may send none either (that is the point of the quirk):
            // no truncation error, and nothing more is sent.
            outboundClosed = true;
            return;
        }
        engine.closeInbound();
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public boolean isInboundDone() {
        return (outboundClosed && events.closesWithoutNotify()) || engine.isInboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector == null ? null : (e, offered) -> selector.apply(this, offered));
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }

    @Override
    public String toString() {
        return "ObservedEngine[" + engine + "]";
    }
}

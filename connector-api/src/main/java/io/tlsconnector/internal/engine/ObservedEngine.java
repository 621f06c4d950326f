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
 * close hook (Tomcat): it reports its handshake to {@link HandshakeLog} (F39) and, once asked, closes
 * without a close_notify alert (mod_ssl's ssl-unclean-shutdown, F34). Its {@link #getSession()}
 * leads back to it, so a request that only sees the session can reach the connection's engine.
 */
public final class ObservedEngine extends SSLEngine {
    private static final SSLEngineResult CLOSED_SILENTLY =
            new SSLEngineResult(SSLEngineResult.Status.CLOSED, SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING, 0, 0);

    private final SSLEngine engine;
    private final SocketAddress client;
    private final LoadedHost host;
    private final ClientHello hello;
    private volatile ObservedSession session;
    private final long startNanos = System.nanoTime();
    private boolean reported;
    private volatile boolean uncleanShutdown;
    private volatile boolean outboundClosed;

    /**
     * @param client the client's address, or null when the container does not tell
     * @param host   the virtual host whose context made {@code engine}
     * @param hello  what the client offered, or null when it could not be read
     */
    public ObservedEngine(SSLEngine engine, SocketAddress client, LoadedHost host, ClientHello hello) {
        super(client instanceof InetSocketAddress a ? a.getHostString() : null, client instanceof InetSocketAddress a ? a.getPort() : -1);
        this.engine = engine;
        this.client = client;
        this.host = host;
        this.hello = hello;
    }

    /** The engine behind a session handed out by an {@code ObservedEngine}; null for any other session. */
    public static ObservedEngine of(SSLSession session) {
        return session instanceof ObservedSession observed ? observed.engine() : null;
    }

    /** From now on closing sends no close_notify: the container just closes the TCP connection. */
    public void uncleanShutdown() {
        uncleanShutdown = true;
    }

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        if (outboundClosed && uncleanShutdown) {
            return CLOSED_SILENTLY;
        }
        try {
            return observe(engine.wrap(srcs, offset, length, dst));
        } catch (SSLException e) {
            failed(e);
            throw e;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        try {
            Renegotiation.refuse(engine, src, reported);
            return observe(engine.unwrap(src, dsts, offset, length));
        } catch (SSLException e) {
            failed(e);
            throw e;
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private SSLEngineResult observe(SSLEngineResult result) {
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED && !reported) {
            reported = true;
            HandshakeLog.succeeded(client, hello == null ? null : hello.serverName(), host.serverName(), engine.getSession(), engine,
                    startNanos);
        }
        return result;
    }

    private void failed(Exception e) {
        if (!reported) {
            reported = true;
            HandshakeLog.failed(client, host, hello, e);
        }
    }

    @Override
    public void closeOutbound() {
        outboundClosed = true;
        if (!uncleanShutdown) {
            engine.closeOutbound();
        }
    }

    @Override
    public boolean isOutboundDone() {
        return (outboundClosed && uncleanShutdown) || engine.isOutboundDone();
    }

    @Override
    public void closeInbound() throws SSLException {
        if (uncleanShutdown) {
            // A client that gets no close_notify may send none either (that is the point of the quirk):
            // no truncation error, and nothing more is sent.
            outboundClosed = true;
            return;
        }
        engine.closeInbound();
    }

    /** The same wrapper for as long as the engine keeps its session, so callers may cache by session identity. */
    @Override
    public SSLSession getSession() {
        SSLSession current = engine.getSession();
        ObservedSession observed = session;
        if (observed == null || observed.delegate() != current) {
            observed = new ObservedSession(current, this);
            session = observed;
        }
        return observed;
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
        return (outboundClosed && uncleanShutdown) || engine.isInboundDone();
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
        return "ObservedEngine[" + host.serverName() + ", " + engine + "]";
    }
}

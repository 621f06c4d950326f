package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.RecordFormat;
import org.bouncycastle.tls.RecordPreview;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * A server-mode {@link SSLEngine} over Bouncy Castle's non-blocking {@link TlsServerProtocol}, so the
 * adapters drive a TLS-SRP host as any other: whole records go in through {@link #unwrap}, whatever the
 * protocol queued comes out through {@link #wrap}. A failed unwrap hands its alert to the next wrap and
 * throws on the wrap after it, so the alert reaches the client before the connection closes (Tomcat
 * does not flush after a throwing unwrap). It selects the application protocol itself.
 */
final class BcSrpEngine extends SSLEngine {
    private final BcSrpEngineFactory host;
    private final BcSrpServer server;
    private final TlsServerProtocol protocol = new TlsServerProtocol();
    private final BcSrpSession session;
    private boolean begun;
    private boolean finishedReported;
    private SSLException deferred;
    private boolean failed;

    BcSrpEngine(BcSrpEngineFactory host, JcaTlsCrypto crypto, String peerHost, int peerPort, List<String> applicationProtocols) {
        super(peerHost, peerPort);
        this.host = host;
        this.server = new BcSrpServer(host, crypto, applicationProtocols);
        this.session = new BcSrpSession(this, peerHost, peerPort);
    }

    BcSrpServer server() {
        return server;
    }

    /** The negotiated parameters once the handshake is done; null before. */
    SecurityParameters parameters() {
        return server.context() == null ? null : server.context().getSecurityParametersConnection();
    }

    BcSrpEngineFactory host() {
        return host;
    }

    @Override
    public synchronized void beginHandshake() throws SSLException {
        if (begun) {
            return;
        }
        begun = true;
        try {
            protocol.accept(server);
        } catch (IOException e) {
            throw new SSLException("the TLS-SRP handshake of virtual host '" + host.serverName() + "' could not start", e);
        }
    }

    @Override
    public synchronized SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        HandshakeStatus before = getHandshakeStatus();
        if (isInboundDone()) {
            return new SSLEngineResult(Status.CLOSED, before, 0, 0);
        }
        beginHandshake();
        if (before == HandshakeStatus.NEED_WRAP) {
            return new SSLEngineResult(Status.OK, before, 0, 0);
        }
        int consumed = 0;
        try {
            if (src.remaining() < RecordFormat.FRAGMENT_OFFSET) {
                return new SSLEngineResult(Status.BUFFER_UNDERFLOW, before, 0, 0);
            }
            byte[] header = new byte[RecordFormat.FRAGMENT_OFFSET];
            src.duplicate().get(header);
            RecordPreview preview = protocol.previewInputRecord(header);
            if (src.remaining() < preview.getRecordSize()) {
                return new SSLEngineResult(Status.BUFFER_UNDERFLOW, before, 0, 0);
            }
            if (space(dsts, offset, length) < preview.getContentLimit()) {
                return new SSLEngineResult(Status.BUFFER_OVERFLOW, before, 0, 0);
            }
            byte[] record = new byte[preview.getRecordSize()];
            src.get(record);
            consumed = record.length;
            protocol.offerInput(record, 0, record.length);
        } catch (IOException e) {
            failed = true;
            deferred = failure(e);
            if (protocol.getAvailableOutputBytes() == 0) {
                SSLException thrown = deferred;
                deferred = null;
                throw thrown;
            }
            return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_WRAP, consumed, 0);
        }
        int produced = 0;
        int available = protocol.getAvailableInputBytes();
        for (int i = offset; i < offset + length && available > 0; i++) {
            int count = Math.min(dsts[i].remaining(), available);
            if (count > 0) {
                protocol.readInput(dsts[i], count);
                produced += count;
                available -= count;
            }
        }
        return new SSLEngineResult(status(), finished(getHandshakeStatus()), consumed, produced);
    }

    @Override
    public synchronized SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        beginHandshake();
        int pending = protocol.getAvailableOutputBytes();
        if (pending > 0) {
            int count = dst.remaining() >= pending ? pending : protocol.previewOutputRecord();
            if (dst.remaining() < count) {
                return new SSLEngineResult(Status.BUFFER_OVERFLOW, HandshakeStatus.NEED_WRAP, 0, 0);
            }
            protocol.readOutput(dst, count);
            if (protocol.getAvailableOutputBytes() > 0 || deferred != null) {
                return new SSLEngineResult(Status.OK, HandshakeStatus.NEED_WRAP, 0, count);
            }
            return new SSLEngineResult(status(), finished(getHandshakeStatus()), 0, count);
        }
        if (deferred != null) {
            SSLException thrown = deferred;
            deferred = null;
            throw thrown;
        }
        if (protocol.isClosed()) {
            return new SSLEngineResult(Status.CLOSED, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
        }
        if (!protocol.isConnected() || protocol.isHandshaking()) {
            return new SSLEngineResult(Status.OK, getHandshakeStatus(), 0, 0);
        }
        int remaining = 0;
        for (int i = offset; i < offset + length; i++) {
            remaining += srcs[i].remaining();
        }
        if (remaining == 0) {
            return new SSLEngineResult(Status.OK, finished(HandshakeStatus.NOT_HANDSHAKING), 0, 0);
        }
        try {
            RecordPreview preview = protocol.previewOutputRecord(Math.min(remaining, protocol.getApplicationDataLimit()));
            if (dst.remaining() < preview.getRecordSize()) {
                return new SSLEngineResult(Status.BUFFER_OVERFLOW, HandshakeStatus.NOT_HANDSHAKING, 0, 0);
            }
            byte[] plain = new byte[preview.getContentLimit()];
            int taken = 0;
            for (int i = offset; i < offset + length && taken < plain.length; i++) {
                int count = Math.min(srcs[i].remaining(), plain.length - taken);
                srcs[i].get(plain, taken, count);
                taken += count;
            }
            protocol.writeApplicationData(plain, 0, taken);
            int produced = protocol.getAvailableOutputBytes();
            protocol.readOutput(dst, produced);
            return new SSLEngineResult(status(), HandshakeStatus.NOT_HANDSHAKING, taken, produced);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private SSLException failure(IOException e) {
        String reason = server.failure() != null ? server.failure() : e.getMessage();
        SSLHandshakeException failure = new SSLHandshakeException("TLS-SRP handshake with virtual host '" + host.serverName()
                + "' failed: " + reason);
        failure.initCause(e);
        return failure;
    }

    private static int space(ByteBuffer[] dsts, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += dsts[i].remaining();
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private Status status() {
        return protocol.isClosed() ? Status.CLOSED : Status.OK;
    }

    /** FINISHED once, on the first call that sees the handshake done. */
    private HandshakeStatus finished(HandshakeStatus now) {
        if (now == HandshakeStatus.NOT_HANDSHAKING && !finishedReported && !failed && protocol.isConnected()) {
            finishedReported = true;
            return HandshakeStatus.FINISHED;
        }
        return now;
    }

    @Override
    public synchronized HandshakeStatus getHandshakeStatus() {
        if (!begun) {
            return HandshakeStatus.NOT_HANDSHAKING;
        }
        if (protocol.getAvailableOutputBytes() > 0 || deferred != null) {
            return HandshakeStatus.NEED_WRAP;
        }
        return protocol.isHandshaking() ? HandshakeStatus.NEED_UNWRAP : HandshakeStatus.NOT_HANDSHAKING;
    }

    @Override
    public Runnable getDelegatedTask() {
        return null;
    }

    @Override
    public synchronized void closeInbound() throws SSLException {
        boolean truncated = begun && !protocol.isClosed() && finishedReported;
        closeProtocol();
        if (truncated) {
            throw new SSLException("virtual host '" + host.serverName() + "': the connection closed without close_notify");
        }
    }

    @Override
    public synchronized boolean isInboundDone() {
        return protocol.isClosed() && protocol.getAvailableInputBytes() == 0;
    }

    @Override
    public synchronized void closeOutbound() {
        closeProtocol();
    }

    /** Queues close_notify (wrap sends it); an I/O failure here only means the connection is gone. */
    private void closeProtocol() {
        if (!protocol.isClosed()) {
            try {
                protocol.close();
            } catch (IOException gone) {
                failed = true;
            }
        }
    }

    @Override
    public synchronized boolean isOutboundDone() {
        return protocol.isClosed() && protocol.getAvailableOutputBytes() == 0 && deferred == null;
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return BcSrpEngineFactory.IMPLEMENTED.keySet().toArray(String[]::new);
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return java.util.Arrays.stream(host.cipherSuiteIds()).mapToObj(BcSrpEngineFactory::nameOf).toArray(String[]::new);
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        // The host's cipher string decides; adapters do not narrow it.
    }

    @Override
    public String[] getSupportedProtocols() {
        return new String[] {"TLSv1.2"};
    }

    @Override
    public String[] getEnabledProtocols() {
        return new String[] {"TLSv1.2"};
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        // TLS 1.2 is the only version with SRP.
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public SSLSession getHandshakeSession() {
        return begun && protocol.isHandshaking() ? session : null;
    }

    @Override
    public synchronized String getApplicationProtocol() {
        SecurityParameters parameters = parameters();
        if (parameters == null || protocol.isHandshaking()) {
            return null;
        }
        ProtocolName name = parameters.getApplicationProtocol();
        return name == null ? "" : name.getUtf8Decoding();
    }

    @Override
    public synchronized String getHandshakeApplicationProtocol() {
        if (server.context() == null || server.context().getSecurityParametersHandshake() == null) {
            return null;
        }
        ProtocolName name = server.context().getSecurityParametersHandshake().getApplicationProtocol();
        return name == null ? null : name.getUtf8Decoding();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        if (mode) {
            throw new IllegalArgumentException("the TLS-SRP engine of virtual host '" + host.serverName() + "' is server-only");
        }
    }

    @Override
    public boolean getUseClientMode() {
        return false;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // SRP hosts ask for no client certificate (mod_ssl resets SSLVerifyClient for SRP logins).
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
        // As setNeedClientAuth.
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        // Always: every connection makes a full handshake.
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }

    /** The SRP user of the connection, once negotiated. */
    Optional<String> srpUser() {
        SecurityParameters parameters = parameters();
        return parameters != null && parameters.getSRPIdentity() != null ? server.srpUser() : Optional.empty();
    }

    /** Static-looking view for {@link LoadedHost}: the SRP user and info of an engine this class made. */
    static Optional<String[]> srp(SSLEngine engine) {
        if (engine instanceof BcSrpEngine bc) {
            return bc.srpUser().map(user -> new String[] {user, bc.server.srpUserInfo().orElse(null)});
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "BcSrpEngine[" + host.serverName() + ", " + (protocol.isConnected() ? "connected" : "handshaking") + "]";
    }
}

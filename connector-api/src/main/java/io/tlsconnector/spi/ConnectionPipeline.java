package io.tlsconnector.spi;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.Acme;
import io.tlsconnector.config.Engine;
import io.tlsconnector.internal.engine.ClientHello;
import io.tlsconnector.internal.engine.ClientHelloParser;
import io.tlsconnector.internal.engine.EngineEvents;
import io.tlsconnector.internal.engine.HandshakeGuard;
import io.tlsconnector.internal.engine.HandshakeLog;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.internal.engine.ObservedEngine;
import io.tlsconnector.internal.engine.Renegotiation;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.vars.ConnectionRecord;
import io.tlsconnector.vars.SslVariables;

/**
 * One accepted TLS connection, from accept to close, run the same way by every adapter: the
 * connect-time reseed and the handshake deadline (F26), what its first bytes are (a ClientHello, or
 * plain HTTP answered with 400, F8), the virtual host its SNI name selects and that host's engine (F30,
 * ACME tls-alpn-01 included), the refusal of client renegotiation, the handshake's log line (F39), the
 * ssl-unclean-shutdown quirk (F34) and the release of the engine. The adapter reports what its container
 * tells it (bytes read, handshake done, closed); where the container tells nothing of the handshake,
 * {@link #observedEngine()} reports it.
 */
public final class ConnectionPipeline {
    private static final Logger log = LoggerFactory.getLogger(ConnectionPipeline.class);
    private static final Pattern HOST_HEADER = Pattern.compile("\r\nhost:[ \t]*([^\r\n]+)");

    /** The most bytes a ClientHello (in records of any size) needs to be read whole. */
    public static final int MAX_CLIENT_HELLO_BYTES = ClientHelloParser.MAX_CLIENT_HELLO_BYTES + 4096;

    /** What the bytes a connection sent first are. */
    public enum Arrival {
        /** The start of a ClientHello: read more. */
        INCOMPLETE,
        /** A ClientHello, or TLS the default host's engine answers with an alert: {@link #createEngine}. */
        TLS,
        /** A plain HTTP request on the TLS port: answer with {@link #plainHttpAnswer} and close. */
        PLAIN_HTTP,
        /** Neither TLS nor HTTP, or a ClientHello too large: close. */
        REFUSED
    }

    private final TlsRuntime runtime;
    private final SocketAddress peer;
    private final HandshakeGuard.Pending pending;
    private final AtomicBoolean handshakeReported = new AtomicBoolean();
    private volatile boolean handshakeDone;
    private volatile boolean uncleanShutdown;
    private volatile ConnectionRecord record;
    /** Set by {@link #closed}: an engine made after it (a close racing the handshake) is released at once. */
    private volatile boolean connectionClosed;
    private volatile SSLEngine engine;
    private boolean acmeValidation;
    private long startNanos;
    /** What {@link #classify} read, so {@link #createEngine} does not parse the same ClientHello again. */
    private ClientHelloParser.Result classified;

    private ConnectionPipeline(TlsRuntime runtime, SocketAddress peer, BooleanSupplier finished, Runnable close) {
        this.runtime = runtime;
        this.peer = peer;
        this.pending = runtime.connectionOpened(finished, close, peer);
    }

    /**
     * A connection the container accepted: starts a reseed in the background and puts the connection on the
     * handshake deadline. Returns at once.
     *
     * @param runtime  the runtime that serves the connection for its whole life (a later reload serves new ones)
     * @param peer     the client's address, for logs; may be null
     * @param finished tells whether the handshake is over or the connection closed, for the deadline
     * @param close    closes the connection, when it misses the deadline
     */
    public static ConnectionPipeline accepted(TlsRuntime runtime, SocketAddress peer, BooleanSupplier finished, Runnable close) {
        return new ConnectionPipeline(runtime, peer, finished, close);
    }

    /**
     * What {@code received} (the bytes between position and limit, left untouched) is; plain HTTP is
     * reported (F39) and the reason of a refusal logged.
     */
    public Arrival classify(ByteBuffer received) {
        ClientHelloParser.Result result = ClientHelloParser.parse(received);
        classified = result;
        switch (result.status()) {
            case NEED_MORE_DATA:
                return Arrival.INCOMPLETE;
            case CLIENT_HELLO:
                return Arrival.TLS;
            case MALFORMED:
                // The default host's TLS stack answers: the client then gets a proper TLS alert.
                log.debug("Unreadable ClientHello from {} ({}); the default virtual host answers", peer, result.reason());
                return Arrival.TLS;
            case HTTP:
                HandshakeLog.plainHttp(peer);
                return Arrival.PLAIN_HTTP;
            case TOO_LARGE:
            case NOT_TLS:
            default:
                log.debug("Closing {}: {} ({})", peer, result.status(), result.reason());
                return Arrival.REFUSED;
        }
    }

    /**
     * Chooses the virtual host by the SNI name of the ClientHello in {@code received} (the default host when it
     * cannot be read) and makes the engine of that host for this connection; an ACME tls-alpn-01 validation gets
     * the challenge certificate and {@code acme-tls/1} instead ({@link #acmeValidation()}).
     *
     * @param received             the bytes read so far (position to limit), left untouched; when {@link #classify}
     *                             read them already, its reading is used
     * @param applicationProtocols the ALPN ids the container speaks, in server preference
     */
    public SSLEngine createEngine(ByteBuffer received, List<String> applicationProtocols) {
        ClientHelloParser.Result parsed = classified != null && classified.status() != ClientHelloParser.Status.NEED_MORE_DATA
                ? classified : ClientHelloParser.parse(received);
        ClientHello hello = parsed.status() == ClientHelloParser.Status.CLIENT_HELLO ? parsed.clientHello() : null;
        Optional<LoadedHost> challenge = hello == null ? Optional.empty()
                : runtime.acmeChallengeHost(hello.serverName(), hello.alpnProtocols());
        LoadedHost host = challenge.orElseGet(() -> hello == null ? runtime.defaultHost() : runtime.hostFor(hello.serverName()));
        log.debug("SNI {} from {} → virtual host '{}'", hello == null ? "(unreadable hello)" : hello.serverName(), peer, host.serverName());
        String peerHost = peer instanceof InetSocketAddress address ? address.getHostString() : null;
        int peerPort = peer instanceof InetSocketAddress address ? address.getPort() : -1;
        acmeValidation = challenge.isPresent();
        SSLEngine created = host.newEngine(peerHost, peerPort, acmeValidation ? List.of(Acme.ACME_TLS_1) : applicationProtocols);
        startNanos = System.nanoTime();
        engine = created;
        ConnectionRecord made = new ConnectionRecord(host, hello, created);
        record = made;
        // The container may have closed the connection on another thread (deadline, reset) while the engine
        // was made; no close comes after that one, so the engine is released here.
        if (connectionClosed) {
            made.release();
        }
        return created;
    }

    /**
     * The engine of {@link #createEngine}, reporting its own handshake, renegotiation attempts and closing to this
     * pipeline: for containers that tell nothing of the handshake and have no per-connection close hook.
     */
    public SSLEngine observedEngine() {
        return new ObservedEngine(requireEngine(), peer, new EngineEvents() {
            @Override
            public void beforeUnwrap(ByteBuffer input) throws SSLException {
                ConnectionPipeline.this.beforeUnwrap(input);
            }

            @Override
            public void handshakeSucceeded() {
                ConnectionPipeline.this.handshakeSucceeded();
            }

            @Override
            public void handshakeFailed(Exception failure) {
                ConnectionPipeline.this.handshakeFailed(failure);
            }

            @Override
            public boolean closesWithoutNotify() {
                return ConnectionPipeline.this.closesWithoutNotify();
            }
        });
    }

    /**
     * False when the connection's host never asks for a client certificate (SSLVerifyClient none, and path
     * rules never renegotiate to ask), so the session can have none: an adapter then need not ask the
     * engine, which answers "none" with an exception.
     */
    public boolean mayHaveClientCertificate() {
        return requireRecord().host().asksForClientCertificates();
    }

    /** True when the connection validates an ACME tls-alpn-01 challenge: close it once its handshake is done. */
    public boolean acmeValidation() {
        return acmeValidation;
    }

    /**
     * True when the connection's engine works on native memory (BoringSSL): an adapter hands it direct buffers
     * for the encrypted bytes, sparing a copy through a temporary buffer on every wrap and unwrap.
     */
    public boolean prefersDirectBuffers() {
        return requireRecord().host().prefersDirectBuffers();
    }

    /**
     * True when the connection's engine seals each buffer of one wrap call in a TLS record of its own
     * (BoringSSL), so an adapter may join small buffers first to send one record.
     */
    public boolean sealsEachBufferApart() {
        return requireRecord().host().sealsEachBufferApart();
    }

    /** The engine kind serving the connection. */
    public Engine engine() {
        return requireRecord().host().engine();
    }

    /** The SNI name the client sent, or null. */
    public String sni() {
        return requireRecord().sni();
    }

    /** The name of the virtual host serving the connection, for logs. */
    public String serverName() {
        return requireRecord().host().serverName();
    }

    /** What requests on this connection see of it (the SSL_* variables, computed once per TLS session). */
    public ConnectionRecord record() {
        return requireRecord();
    }

    /** The SSL_* variables of the connection's current session. */
    public SslVariables sslVariables(SSLSession session) {
        return requireRecord().sslVariables(session);
    }

    /** True once {@link #createEngine} chose the host. */
    public boolean hasEngine() {
        return record != null;
    }

    LoadedHost host() {
        return requireRecord().host();
    }

    TlsRuntime runtime() {
        return runtime;
    }

    /** Before the engine reads {@code input}: a client renegotiation (TLS 1.2 and older) is refused, as mod_ssl does. */
    public void beforeUnwrap(ByteBuffer input) throws SSLException {
        Renegotiation.refuse(requireEngine(), input, handshakeDone);
    }

    /** True once the handshake finished. */
    public boolean handshakeDone() {
        return handshakeDone;
    }

    /** The handshake finished; a second report is ignored. */
    public void handshakeSucceeded() {
        handshakeDone = true;
        if (handshakeReported.compareAndSet(false, true)) {
            pending.done();
            SSLEngine current = requireEngine();
            requireRecord().host().handshakeCompleted(current);
            HandshakeLog.succeeded(peer, sni(), serverName(), current.getSession(), current, startNanos);
        }
    }

    /** The handshake failed; logged with the diagnosis (F29, F39) unless the handshake was reported already. */
    public void handshakeFailed(Throwable failure) {
        if (handshakeReported.compareAndSet(false, true)) {
            pending.done();
            ConnectionRecord current = requireRecord();
            HandshakeLog.failed(peer, current.host(), current.clientHello(), failure);
        }
    }

    /** From now on the connection closes without a TLS close_notify alert (ssl-unclean-shutdown, F34). */
    public void uncleanShutdown() {
        uncleanShutdown = true;
    }

    /** Whether closing skips close_notify: the adapter then just closes the TCP connection. */
    public boolean closesWithoutNotify() {
        return uncleanShutdown;
    }

    /**
     * The connection closed: what its engine holds outside the heap is freed, now or, when the engine is
     * still being made on another thread, as soon as it is. A second call does nothing.
     */
    public void closed() {
        connectionClosed = true;
        ConnectionRecord current = record;
        if (current != null) {
            current.release();
        }
    }

    /**
     * The 400 answer to plain HTTP on the TLS port (F8), naming the https:// address to use: the request's Host,
     * else the local address. The adapter writes it, half-closes, and reads what is left for a moment before
     * closing, so the kernel sends no reset that could make the client lose the answer.
     *
     * @param received the request bytes read so far
     * @param local    the address the connection came in on; may be null
     */
    public ByteBuffer plainHttpAnswer(ByteBuffer received, SocketAddress local) {
        String target = "https://" + hostOf(received, local) + "/";
        String body = "This port speaks HTTPS (TLS), but the request was plain HTTP; use " + target + " instead.\n";
        String response = "HTTP/1.1 400 Bad Request\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "Connection: close\r\n\r\n" + body;
        return ByteBuffer.wrap(response.getBytes(StandardCharsets.UTF_8));
    }

    private static String hostOf(ByteBuffer received, SocketAddress local) {
        String head = StandardCharsets.ISO_8859_1.decode(received.duplicate()).toString().toLowerCase(Locale.ROOT);
        Matcher m = HOST_HEADER.matcher(head);
        if (m.find() && m.group(1).strip().matches("[a-z0-9.:\\[\\]-]+")) {
            return m.group(1).strip();
        }
        if (local instanceof InetSocketAddress address) {
            String host = address.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
        }
        return "this-host";
    }

    /**
     * True when the engine selects the application protocol itself from the list given to {@link #createEngine}
     * and has no JSSE handshake selector: the adapter then reads the outcome from
     * {@link SSLEngine#getApplicationProtocol()} once the handshake is done.
     */
    public static boolean selectsApplicationProtocolItself(SSLEngine engine) {
        return LoadedHost.selectsApplicationProtocolItself(engine);
    }

    private ConnectionRecord requireRecord() {
        ConnectionRecord current = record;
        if (current == null) {
            throw new IllegalStateException("no virtual host chosen yet for the connection from " + peer + "; call createEngine first");
        }
        return current;
    }

    private SSLEngine requireEngine() {
        SSLEngine current = engine;
        if (current == null) {
            throw new IllegalStateException("no engine made yet for the connection from " + peer + "; call createEngine first");
        }
        return current;
    }

    @Override
    public String toString() {
        ConnectionRecord current = record;
        return "ConnectionPipeline[" + peer + (current == null ? "" : " → " + current.host().serverName()) + "]";
    }
}

package io.tlsconnector.internal.engine;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place both adapters report handshakes to (F39), instead of {@code -Djavax.net.debug}: at DEBUG
 * one structured line per completed handshake; at WARN each failed handshake with the reason and a
 * hint for the common causes, at most {@value #WARNINGS_PER_WINDOW} per reason per {@link #WINDOW} so a
 * scan or a broken client cannot flood the log. Enable the DEBUG lines with the logger
 * {@code io.tlsconnector.internal.engine.HandshakeLog}.
 */
public final class HandshakeLog {
    static final int WARNINGS_PER_WINDOW = 10;
    static final Duration WINDOW = Duration.ofSeconds(10);

    /** The logger name operators configure (handshake lines at DEBUG); it stays when the class moves. */
    private static final Logger log = LoggerFactory.getLogger("io.tlsconnector.diag.HandshakeLog");
    /** Reasons tracked at once; beyond this the windows start afresh (a flood of distinct reasons is rare). */
    private static final int MAX_REASONS = 256;
    private static final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    /** An alert the peer sent, as BoringSSL names it. */
    private static final Pattern BORINGSSL_ALERT = Pattern.compile(":(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)$");

    private HandshakeLog() {
    }

    /**
     * A completed handshake.
     *
     * @param startNanos {@link System#nanoTime()} when the connection was accepted or the handshake began
     */
    public static void succeeded(SocketAddress client, String sni, String virtualHost, SSLSession session, long startNanos) {
        succeeded(client, sni, virtualHost, session, null, startNanos);
    }

    /** As above; {@code engine} (may be null) names the key-exchange group where the engine tells it. */
    public static void succeeded(SocketAddress client, String sni, String virtualHost, SSLSession session,
                                 javax.net.ssl.SSLEngine engine, long startNanos) {
        if (!log.isDebugEnabled()) {
            return;
        }
        long tookMs = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        boolean resumed = engine != null ? io.tlsconnector.internal.engine.LoadedHost.resumed(engine)
                .orElse(session.getCreationTime() < System.currentTimeMillis() - tookMs - 1)
                : session.getCreationTime() < System.currentTimeMillis() - tookMs - 1;
        // Only engines that tell the key-exchange group (BoringSSL) add it.
        String group = engine == null ? "" : io.tlsconnector.internal.engine.LoadedHost.keyExchangeGroup(engine).map(g -> " group=" + g).orElse("");
        log.debug("TLS handshake client={} sni={} vhost={} protocol={} cipher={}{} resumed={} duration_ms={}",
                address(client), sni == null ? "-" : sni, virtualHost, session.getProtocol(), session.getCipherSuite(), group,
                resumed, tookMs);
    }

    /**
     * A failed handshake on {@code host}: when the client shared no cipher suite with the host, the
     * diagnosis naming what it offered and what the host enables (F29, {@link HandshakeDiagnostics});
     * otherwise the reason and a hint.
     *
     * @param hello what the client offered, or null when it could not be read
     */
    public static void failed(SocketAddress client, io.tlsconnector.internal.engine.LoadedHost host, io.tlsconnector.internal.engine.ClientHello hello,
                              Throwable cause) {
        if (HandshakeDiagnostics.noSharedCipher(host, hello, client).isPresent()) {
            HandshakeDiagnostics.shared().handshakeFailed(host, hello, client, cause);
            return;
        }
        failed(client, hello == null ? null : hello.serverName(), host.serverName(), cause);
    }

    /** A failed handshake: logged at WARN with the reason and a hint, rate-limited. */
    public static void failed(SocketAddress client, String sni, String virtualHost, Throwable cause) {
        String reason = reason(cause);
        if (windows.size() > MAX_REASONS) {
            windows.clear();
        }
        Window window = windows.computeIfAbsent(reason, r -> new Window());
        if (!window.permit()) {
            return;
        }
        int dropped = window.suppressed.getAndSet(0);
        log.warn("TLS handshake failed client={} sni={} vhost={} reason=\"{}\"{}{}", address(client), sni == null ? "-" : sni,
                virtualHost == null ? "-" : virtualHost, reason, hint(reason).map(h -> " hint=\"" + h + "\"").orElse(""),
                dropped == 0 ? "" : " (" + dropped + " earlier failure(s) not logged: more than " + WARNINGS_PER_WINDOW
                        + " per " + WINDOW.toSeconds() + " s)");
    }

    /** Plain HTTP (or other non-TLS bytes) arrived where a ClientHello was expected: WARN, rate-limited. */
    public static void plainHttp(SocketAddress client) {
        failed(client, (String) null, (String) null, new javax.net.ssl.SSLException("plain HTTP request on the TLS port"));
    }

    private static String address(SocketAddress client) {
        if (client instanceof java.net.InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return client == null ? "-" : client.toString();
    }

    /** At most {@link #WARNINGS_PER_WINDOW} warnings of one reason per {@link #WINDOW}; the rest are counted. */
    private static final class Window {
        private final AtomicLong start = new AtomicLong(System.nanoTime());
        private final AtomicInteger warned = new AtomicInteger();
        private final AtomicInteger suppressed = new AtomicInteger();

        boolean permit() {
            long now = System.nanoTime();
            long begun = start.get();
            if (now - begun > WINDOW.toNanos() && start.compareAndSet(begun, now)) {
                warned.set(0);
            }
            if (warned.incrementAndGet() <= WARNINGS_PER_WINDOW) {
                return true;
            }
            suppressed.incrementAndGet();
            return false;
        }
    }

    /** The innermost message, which for JSSE carries the alert ("Received fatal alert: unknown_ca"). */
    static String reason(Throwable cause) {
        if (cause == null) {
            return "connection closed during the handshake";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return inCommonWording(message).replace('"', '\'');
    }

    /**
     * One wording for both engines, so a log search or alert rule works whichever engine served the
     * host: BoringSSL's error names ({@code error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA})
     * become JSSE's sentences ({@code Received fatal alert: unknown_ca}).
     */
    static String inCommonWording(String message) {
        Matcher alert = BORINGSSL_ALERT.matcher(message);
        if (alert.find()) {
            return "Received fatal alert: " + alert.group(1).toLowerCase(Locale.ROOT);
        }
        if (message.contains(":NO_SHARED_CIPHER")) {
            return "no cipher suites in common";
        }
        if (message.contains(":UNSUPPORTED_PROTOCOL")) {
            return "no protocol version in common (unsupported_protocol)";
        }
        if (message.contains(":NO_SHARED_GROUP")) {
            return "no key-exchange group in common";
        }
        return message;
    }

    /** What usually causes this failure and what to do about it. */
    public static java.util.Optional<String> hint(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("no key-exchange group in common") || r.contains("no_shared_group")) {
            return java.util.Optional.of("no shared key-exchange group: the client offers none of the virtual host's groups(...)");
        }
        if (r.contains("no cipher suites in common") || r.contains("handshake_failure") || r.contains("no shared cipher")
                || r.contains("no_shared_cipher")) {
            return java.util.Optional.of("no shared cipher: the client offers none of the virtual host's cipher suites for its"
                    + " protocols and certificate key type; compare the host's cipherSuite/protocols with the client's"
                    + " (openssl s_client -connect host:port -servername name)");
        }
        if (r.contains("unknown_ca") || r.contains("certificate_unknown") || r.contains("bad_certificate")
                || r.contains("unable to find valid certification path")) {
            return java.util.Optional.of("unknown CA: the client does not trust the certificate chain; serve the intermediate"
                    + " certificates (withChain) and make sure the client trusts the root");
        }
        if (r.contains("insufficient buffer remaining for aead")) {
            return java.util.Optional.of("the client aborted the TLS 1.3 handshake with an alert the server could not decrypt;"
                    + " most often it rejected the certificate (unknown CA or wrong name): check the chain and the names it covers");
        }
        if (r.contains("plaintext") || r.contains("plain http") || r.contains("unrecognized ssl message") || r.contains("unsupported or unrecognized")
                || r.contains("http_request") || r.contains("wrong_version_number")) {
            return java.util.Optional.of("the client sent plain HTTP (or other non-TLS bytes) to the TLS port; it should use https://");
        }
        if (r.contains("protocol_version") || r.contains("no appropriate protocol") || r.contains("protocol is disabled")
                || r.contains("unsupported_protocol")) {
            return java.util.Optional.of("no shared protocol version: the client and the virtual host's protocols(...) do not overlap");
        }
        return java.util.Optional.empty();
    }
}

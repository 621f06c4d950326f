package io.tlsconnector.internal.engine;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.tlsconnector.config.OcspStapling;

/**
 * OCSP stapling with JSSE, whose only switches are system properties: it reads
 * {@code jdk.tls.server.enableStatusRequestExtension} when an SSLContext is created, and the responder
 * settings ({@code jdk.tls.stapling.responderURI}, {@code responderOverride}) when that context's first
 * stapling handshake creates its response manager. So each stapling host's context is created, and
 * primed with one in-memory handshake, while those properties hold that host's values, under one
 * lock; the properties are restored afterwards. The fetch timeout ({@code jdk.tls.stapling.responseTimeout})
 * is read on every handshake and is therefore process-wide.
 */
final class Stapling {
    static final String SERVER_ENABLE = "jdk.tls.server.enableStatusRequestExtension";
    static final String CLIENT_ENABLE = "jdk.tls.client.enableStatusRequestExtension";
    static final String RESPONDER_URI = "jdk.tls.stapling.responderURI";
    static final String RESPONDER_OVERRIDE = "jdk.tls.stapling.responderOverride";
    static final String RESPONSE_TIMEOUT = "jdk.tls.stapling.responseTimeout";
    private static final ReentrantLock PROPERTIES = new ReentrantLock();
    private static final int MAX_STEPS = 200;

    private Stapling() {
    }

    /** Runs {@code action} with the given system properties set (null: cleared), restoring them after. */
    static <T> T withProperties(Map<String, String> properties, Callable<T> action) throws Exception {
        PROPERTIES.lock();
        Map<String, String> saved = new HashMap<>();
        try {
            properties.forEach((name, value) -> {
                saved.put(name, System.getProperty(name));
                set(name, value);
            });
            return action.call();
        } finally {
            saved.forEach(Stapling::set);
            PROPERTIES.unlock();
        }
    }

    private static void set(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    /** The properties a host's context is created and primed under. */
    static Map<String, String> propertiesFor(OcspStapling stapling) {
        Map<String, String> properties = new HashMap<>();
        properties.put(SERVER_ENABLE, "true");
        properties.put(CLIENT_ENABLE, "true");
        properties.put(RESPONDER_URI, stapling.responder() == null ? null : stapling.responder().toString());
        properties.put(RESPONDER_OVERRIDE, stapling.responder() == null ? null : "true");
        if (System.getProperty(RESPONSE_TIMEOUT) == null) {
            // Process-wide; also bounds this priming handshake.
            System.setProperty(RESPONSE_TIMEOUT, Long.toString(stapling.timeout().toMillis()));
        }
        return properties;
    }

    /**
     * One in-memory handshake of a client that asks for a staple against {@code host}: JSSE fetches and
     * caches the response now, off any client's handshake, and the client side shows what was stapled.
     */
    static OcspStatus prime(LoadedHost host, Duration timeout) {
        try {
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, new TrustManager[] {new AcceptAll()}, null);
            String name = host.serverName().startsWith("*.") ? "stapling" + host.serverName().substring(1) : host.serverName();
            SSLEngine client = clientContext.createSSLEngine(name, 443);
            client.setUseClientMode(true);
            SSLParameters parameters = client.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            parameters.setProtocols(host.enabledProtocols().toArray(String[]::new));
            client.setSSLParameters(parameters);
            SSLEngine server = host.newEngine(null, -1);
            handshake(client, server, System.nanoTime() + timeout.plusSeconds(2).toNanos());
            List<byte[]> responses = ((ExtendedSSLSession) client.getSession()).getStatusResponses();
            if (responses.isEmpty() || responses.get(0).length == 0) {
                return OcspStatus.none("no response from " + (host.virtualHost().ocspStapling().responder() != null
                        ? host.virtualHost().ocspStapling().responder() : "the certificate's OCSP responder (AIA)")
                        + " within " + timeout.toMillis() + " ms");
            }
            return OcspStatus.parse(responses.get(0));
        } catch (GeneralSecurityException | SSLException | RuntimeException e) {
            return OcspStatus.none("the priming handshake failed: " + e.getMessage());
        }
    }

    private static void handshake(SSLEngine client, SSLEngine server, long deadline) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < MAX_STEPS && System.nanoTime() < deadline; step++) {
            if (done(client) && done(server)) {
                return;
            }
            client.wrap(empty, toServer);
            runTasks(client);
            toServer.flip();
            server.unwrap(toServer, sink.clear());
            toServer.compact();
            runTasks(server);
            server.wrap(empty, toClient);
            runTasks(server);
            toClient.flip();
            client.unwrap(toClient, sink.clear());
            toClient.compact();
            runTasks(client);
        }
        throw new SSLException("the priming handshake did not finish in time");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    /** The priming client only looks at the staple; it sends no data and trusts nothing it learns. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a priming client is never a server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // The priming handshake talks to our own engine in memory.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

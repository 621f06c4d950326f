package io.tlsconnector.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.conscrypt.Conscrypt;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.jetty.JettyTls;
import io.tlsconnector.tomcat.TomcatTls;

/**
 * One server of one kind in this JVM, on 127.0.0.1 and an ephemeral port: 12 bytes at {@code /},
 * 1 MiB at {@code /big}. Prints {@code LISTENING <port>} and serves until standard input closes, so a
 * server never outlives the harness that started it.
 */
public final class BenchServer {
    static final byte[] SMALL = "Hello, TLS!\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BIG = new byte[1 << 20];
    static final String KEYSTORE_PASSWORD = "bench-only";

    static {
        Arrays.fill(BIG, (byte) 'x');
    }

    /** {@code blocking} (the default) or {@code non-blocking}: what the Jetty rows' handler declares. */
    static final String JETTY_HANDLER_PROPERTY = "bench.jettyHandler";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: server KIND CERT.pem KEY.pem KEYSTORE.p12");
        }
        ServerKind kind = ServerKind.of(args[0]);
        Path cert = Path.of(args[1]);
        Path key = Path.of(args[2]);
        Path keystore = Path.of(args[3]);
        AutoCloseable server;
        int port;
        switch (kind) {
            case OURS_JETTY, OURS_JETTY_JSSE, OURS_JETTY_100 -> {
                Server jetty = new Server();
                ServerConnector connector = JettyTls.addConnector(jetty, "127.0.0.1", 0, ours(cert, key, kind));
                jetty.setHandler(new BodyHandler());
                jetty.start();
                port = connector.getLocalPort();
                server = jetty::stop;
            }
            case JETTY, JETTY_CONSCRYPT -> {
                Server jetty = new Server();
                ServerConnector connector = stockJetty(jetty, keystore, kind == ServerKind.JETTY_CONSCRYPT);
                jetty.setHandler(new BodyHandler());
                jetty.start();
                port = connector.getLocalPort();
                server = jetty::stop;
            }
            case OURS_TOMCAT, OURS_TOMCAT_JSSE, OURS_TOMCAT_100 -> {
                Tomcat tomcat = newTomcat();
                Connector connector = TomcatTls.addConnector(tomcat, "127.0.0.1", 0, ours(cert, key, kind));
                connector.setProperty("maxKeepAliveRequests", "-1");
                tomcat.start();
                port = connector.getLocalPort();
                server = () -> stopAndRemoveBase(tomcat);
            }
            case TOMCAT -> {
                Tomcat tomcat = newTomcat();
                Connector connector = stockTomcat(keystore);
                tomcat.getService().addConnector(connector);
                tomcat.start();
                port = connector.getLocalPort();
                server = () -> stopAndRemoveBase(tomcat);
            }
            default -> throw new IllegalArgumentException(kind + " is not a Java server");
        }
        System.out.println("LISTENING " + port);
        System.out.flush();
        try {
            // Serve until the harness closes our standard input; answer "stats" with the heap bytes allocated so far.
            java.io.BufferedReader commands = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line; (line = commands.readLine()) != null; ) {
                if (line.trim().equals("stats")) {
                    System.out.println("STATS " + allocatedBytes());
                    System.out.flush();
                }
            }
        } finally {
            server.close();
        }
        System.exit(0);
    }

    /**
     * What a user writes: one virtual host and the defaults, plus {@code engine(Engine.JSSE)} for the *-jsse rows;
     * for the *-100 rows {@code localhost} and 100 more hosts, every one exporting the SSL_* variables.
     */
    static TlsConfig ours(Path cert, Path key, ServerKind kind) {
        TlsConfig.Builder config = TlsConfig.builder();
        if (kind.hundredHosts()) {
            config.virtualHost(VirtualHost.builder("localhost").certificate(CertificateSource.pem(cert, key))
                    .options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA).build());
            for (String name : kind.sniNames()) {
                config.virtualHost(VirtualHost.builder(name).certificate(CertificateSource.pem(cert, key))
                        .options(SslOption.STD_ENV_VARS, SslOption.EXPORT_CERT_DATA).build());
            }
        } else {
            config.virtualHost(VirtualHost.builder("localhost").certificate(CertificateSource.pem(cert, key)).build());
        }
        if (kind.choosesJsse()) {
            config.engine(Engine.JSSE);
        }
        return config.build();
    }

    /** Heap bytes allocated by the live threads of this JVM since each started. */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            if (bytes > 0) {
                total += bytes;
            }
        }
        return total;
    }

    static ServerConnector stockJetty(Server server, Path keystore, boolean conscrypt) {
        SslContextFactory.Server ssl;
        if (conscrypt) {
            Security.addProvider(Conscrypt.newProvider());
            ssl = new SslContextFactory.Server() {
                @Override
                public void customize(SSLEngine engine) {
                    super.customize(engine);
                    // A Conscrypt server issues no TLS 1.3 tickets unless asked (platform-facts §5).
                    if (Conscrypt.isConscrypt(engine)) {
                        Conscrypt.setUseSessionTickets(engine, true);
                    }
                }
            };
            ssl.setProvider("Conscrypt");
            ssl.setKeyManagerFactoryAlgorithm("SunX509");
        } else {
            ssl = new SslContextFactory.Server();
        }
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(KEYSTORE_PASSWORD);
        HttpConfiguration http = new HttpConfiguration();
        http.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector;
        if (conscrypt) {
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            // HTTP/2 and HTTP/1.1 by ALPN, as Jetty's documentation sets it up.
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(http), new HttpConnectionFactory(http));
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        if (conscrypt) {
            // Conscrypt engines keep native memory and descriptors until freed: free them when the connection closes.
            connector.addEventListener(new Connection.Listener() {
                @Override
                public void onClosed(Connection connection) {
                    if (connection instanceof SslConnection ssl) {
                        SSLEngine engine = ssl.getSSLEngine();
                        engine.closeOutbound();
                        try {
                            engine.closeInbound();
                        } catch (IOException ignored) {
                            // truncated by the peer: the engine is closed (and freed) all the same
                        }
                    }
                }
            });
        }
        server.addConnector(connector);
        return connector;
    }

    static Tomcat newTomcat() throws IOException {
        Tomcat tomcat = new Tomcat();
        Path base = Files.createTempDirectory("tls-bench-tomcat-");
        tomcat.setBaseDir(base.toString());
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "body", new BodyServlet());
        context.addServletMappingDecoded("/", "body");
        return tomcat;
    }

    /** Stops Tomcat and removes the base directory {@link #newTomcat} made for it (work files included). */
    static void stopAndRemoveBase(Tomcat tomcat) throws Exception {
        Path base = tomcat.getServer().getCatalinaBase().toPath();
        tomcat.stop();
        tomcat.destroy();
        BenchRun.deleteTree(base);
    }

    static Connector stockTomcat(Path keystore) {
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        connector.setProperty("maxKeepAliveRequests", "-1");
        SSLHostConfig host = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        // Absolute: Tomcat resolves a relative keystore path against its base directory, not the working one.
        certificate.setCertificateKeystoreFile(keystore.toAbsolutePath().toString());
        certificate.setCertificateKeystoreType("PKCS12");
        certificate.setCertificateKeystorePassword(KEYSTORE_PASSWORD);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        connector.addUpgradeProtocol(new Http2Protocol());
        return connector;
    }

    /** Where SSL_* export is on, each request reads one variable, as an application would; null elsewhere. */
    static volatile Object lastSslVariable;

    static void touchSslVariable(Object value) {
        if (value != null) {
            lastSslVariable = value;
        }
    }

    /**
     * Jetty core handler: no servlet layer, the same for stock Jetty and our adapter. It never blocks, but by default
     * says it may (as every servlet does), so Jetty hands each request from the selector to a pool thread; with
     * {@code -Dbench.jettyHandler=non-blocking} it declares {@code NON_BLOCKING} and Jetty runs it on the selector.
     */
    static final class BodyHandler extends Handler.Abstract {
        BodyHandler() {
            super("non-blocking".equals(System.getProperty(JETTY_HANDLER_PROPERTY)) ? InvocationType.NON_BLOCKING : InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            byte[] body = "/big".equals(request.getHttpURI().getPath()) ? BIG : SMALL;
            touchSslVariable(request.getAttribute("SSL_CIPHER"));
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }

    /** Tomcat servlet: the same for stock Tomcat and our adapter. */
    static final class BodyServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = "/big".equals(request.getRequestURI()) ? BIG : SMALL;
            touchSslVariable(request.getAttribute("SSL_CIPHER"));
            response.setContentType("text/plain");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}

package io.tlsconnector.samples;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.jetty.JettyTls;
import io.tlsconnector.pki.DevelopmentCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tls-samples jetty}: an HTTPS server on embedded Jetty 12. */
@Command(name = "jetty", mixinStandardHelpOptions = true,
        description = "Serves https://HOST:PORT/ and /printenv (the SSL_* variables) from embedded Jetty 12 with the TLS connector.")
public final class JettySample implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(JettySample.class);

    @Option(names = "--port", defaultValue = "8443", description = "TLS port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--cert", description = "certificate file (PEM or DER); without it a development certificate is generated")
    Path certificate;

    @Option(names = "--key", description = "private key file (PEM) for --cert")
    Path key;

    @Option(names = "--chain", description = "intermediate certificates (PEM), if not appended to --cert")
    Path chain;

    @Option(names = "--server-name", defaultValue = "localhost", description = "server name of the virtual host (default: ${DEFAULT-VALUE})")
    String serverName;

    @Override
    public Integer call() throws Exception {
        Server server = start(host, port, tlsConfig());
        server.join();
        return 0;
    }

    TlsConfig tlsConfig() {
        CertificateSource source;
        if (certificate == null) {
            if (key != null || chain != null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--key and --chain need --cert");
            }
            DevelopmentCertificate dev = DevelopmentCertificate.generate();
            log.warn("No --cert given: serving a generated DEVELOPMENT certificate for {} (SHA-256 {}). "
                    + "Clients will not trust it; it is for development only.", DevelopmentCertificate.LOCAL_NAMES,
                    TlsRuntime.fingerprint(dev.certificate()));
            source = CertificateSource.of(dev.privateKey(), java.util.List.of(dev.certificate()));
        } else {
            if (key == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--cert needs --key");
            }
            CertificateSource.PemFiles files = CertificateSource.pem(certificate, key);
            source = chain == null ? files : files.withChain(chain);
        }
        return TlsConfig.builder()
                // StdEnvVars, so /printenv shows the SSL_* variables as mod_ssl's printenv CGI would (F10).
                .virtualHost(VirtualHost.builder(serverName).certificate(source).options(SslOption.STD_ENV_VARS).build())
                .build();
    }

    /** Starts the sample server; used by the command and by tests. */
    public static Server start(String host, int port, TlsConfig config) throws Exception {
        Server server = new Server();
        ServerConnector connector = JettyTls.addConnector(server, host, port, config);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(HelloServlet.class, "/");
        context.addServlet(PrintenvServlet.class, "/printenv");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        int actual = connector.getLocalPort();
        log.info("Serving https://{}:{}/ (try: curl -k https://{}:{}/)", hostForUrl(host), actual,
                "127.0.0.1".equals(host) ? "localhost" : hostForUrl(host), actual);
        return server;
    }

    private static String hostForUrl(String host) {
        if (host == null) {
            return new InetSocketAddress(0).getHostString();
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}

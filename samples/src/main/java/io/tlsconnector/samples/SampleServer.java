package io.tlsconnector.samples;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import jakarta.servlet.http.HttpServlet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.HttpdConf;
import io.tlsconnector.config.httpd.HttpdConfReport;
import io.tlsconnector.http.HttpsRedirect;
import io.tlsconnector.passphrase.PassPhraseException;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.pki.Certificates;
import io.tlsconnector.pki.DevelopmentCertificate;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the {@code jetty} and {@code tomcat} sample commands share: their options, the TLS
 * configuration built from them, and the servlets they serve.
 */
abstract class SampleServer implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SampleServer.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--conf", paramLabel = "FILE", description = "an Apache httpd configuration with mod_ssl (httpd.conf, ssl.conf):"
            + " serves every TLS address it declares, the first on --port and --host when given")
    Path conf;

    @Option(names = "--lenient", description = "with --conf: serve without the directives the connector cannot carry over"
            + " (each logged as a warning) instead of refusing to start")
    boolean lenient;

    @Option(names = {"-D", "--define"}, paramLabel = "NAME=VALUE", description = "defines ${NAME} for --conf, as httpd -D or Debian's envvars")
    Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--pass", paramLabel = "env:NAME|file:/path|exec:/path|builtin",
            description = "where the pass-phrase of an encrypted key comes from (mod_ssl SSLPassPhraseDialog), e.g. for"
                    + " the key `tlsctl genkey --encrypt` writes; with --conf it replaces the file's SSLPassPhraseDialog")
    String pass;

    /** Without --pass an encrypted --key fails start-up naming the option (not the Java builder). */
    static final PassPhraseProvider NO_PASS = request -> {
        throw new PassPhraseException("no --pass was given for it.",
                "start the sample with --pass env:NAME, --pass file:/path/key.pass or --pass exec:/path/to/program"
                        + " (the pass-phrase `tlsctl genkey --encrypt` was given), or --pass builtin to be asked on the terminal.");
    };

    @Option(names = "--http-port", paramLabel = "PORT", description = "also a plain HTTP connector on PORT (on --host) that redirects"
            + " to the first TLS connector and answers ACME http-01 challenges (MDomain with MDCAChallenges http-01)")
    Integer httpPort;

    @Option(names = "--engine", paramLabel = "boringssl|jsse", converter = EngineConverter.class,
            description = "the engine of every virtual host without its own choice (default: BoringSSL, JSSE where BoringSSL cannot load or a host needs it)")
    Engine engine;

    /** picocli's view of {@link Engine#parse}. */
    static final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            return Engine.parse(value);
        }
    }

    /** One TLS connector of a sample: where it listens and what it serves. */
    record Binding(String host, int port, TlsConfig config) {
    }

    /** One plain HTTP connector of a sample that sends every request to https (a {@code :80} redirect vhost of --conf). */
    record Redirect(String host, int port, HttpsRedirect redirect) {
    }

    private List<Redirect> redirects = List.of();

    /**
     * The plain HTTP connectors to start after {@link #bindings()}: the redirect vhosts of --conf, and --http-port
     * (a redirect to the first TLS connector, which also answers ACME http-01 challenges) unless --conf has that port.
     */
    List<Redirect> redirects() {
        if (httpPort == null || redirects.stream().anyMatch(r -> r.port() == httpPort)) {
            return redirects;
        }
        List<Redirect> all = new ArrayList<>(redirects);
        all.add(new Redirect(host, httpPort, HttpsRedirect.permanent()));
        return all;
    }

    /** The connectors to start: one for the options, or one per address of --conf. */
    List<Binding> bindings() {
        if (conf == null) {
            return List.of(new Binding(host, port, tlsConfig()));
        }
        if (certificate != null || key != null || chain != null) {
            throw new CommandLine.ParameterException(commandLine(), "--conf names the certificates; leave out --cert, --key and --chain");
        }
        HttpdConf read = HttpdConf.read(conf, defines, lenient ? HttpdConf.Options.lenient() : HttpdConf.Options.STRICT);
        for (HttpdConfReport.Entry entry : read.report().entries()) {
            if (entry.kind() != HttpdConfReport.Kind.READ) {
                log.warn("{}", entry);
            }
        }
        List<Binding> bindings = new ArrayList<>();
        for (HttpdConf.Listener listener : read.listeners()) {
            boolean first = bindings.isEmpty();
            String address = first && given("--host") || "*".equals(listener.address()) ? host : listener.address();
            TlsConfig.Builder builder = listener.config().toBuilder();
            if (engine != null) {
                builder.engine(engine);
            }
            if (pass != null) {
                builder.passPhraseProvider(PassPhraseProvider.parse(pass));
            }
            TlsConfig config = builder.build();
            bindings.add(new Binding(address, first && given("--port") ? port : listener.port(), config));
        }
        redirects = read.redirects().stream().map(r -> new Redirect("*".equals(r.address()) ? host : r.address(), r.port(), r.redirect()))
                .toList();
        return bindings;
    }

    private boolean given(String option) {
        return spec != null && spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The servlets every sample serves, by path. */
    static Map<String, Class<? extends HttpServlet>> servlets() {
        Map<String, Class<? extends HttpServlet>> servlets = new LinkedHashMap<>();
        servlets.put("/", HelloServlet.class);
        servlets.put("/printenv", PrintenvServlet.class);
        return servlets;
    }

    TlsConfig tlsConfig() {
        CertificateSource source;
        if (certificate == null) {
            if (key != null || chain != null) {
                throw new CommandLine.ParameterException(commandLine(), "--key and --chain need --cert");
            }
            DevelopmentCertificate dev = DevelopmentCertificate.generate();
            log.warn("No --cert given: serving a generated DEVELOPMENT certificate for {} (SHA-256 {}). "
                    + "Clients will not trust it; it is for development only.", DevelopmentCertificate.LOCAL_NAMES,
                    Certificates.fingerprint(dev.certificate()));
            source = CertificateSource.of(dev.privateKey(), List.of(dev.certificate()));
        } else {
            if (key == null) {
                throw new CommandLine.ParameterException(commandLine(), "--cert needs --key");
            }
            CertificateSource.PemFiles files = CertificateSource.pem(certificate, key);
            source = chain == null ? files : files.withChain(chain);
        }
        TlsConfig.Builder config = TlsConfig.builder().passPhraseProvider(pass == null ? NO_PASS : PassPhraseProvider.parse(pass));
        if (engine != null) {
            config.engine(engine);
        }
        return config
                // StdEnvVars, so /printenv shows the SSL_* variables as mod_ssl's printenv CGI would (F10).
                .virtualHost(VirtualHost.builder(serverName).certificate(source).options(SslOption.STD_ENV_VARS).build())
                .build();
    }

    private CommandLine commandLine() {
        return spec != null ? spec.commandLine() : new CommandLine(this);
    }

    static void logServing(String container, String host, int port) {
        log.info("Serving https://{}:{}/ from {} (try: curl -k https://{}:{}/)", hostForUrl(host), port, container,
                "127.0.0.1".equals(host) ? "localhost" : hostForUrl(host), port);
    }

    private static String hostForUrl(String host) {
        if (host == null) {
            return new InetSocketAddress(0).getHostString();
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}

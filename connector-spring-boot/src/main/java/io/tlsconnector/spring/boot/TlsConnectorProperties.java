package io.tlsconnector.spring.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.spi.TlsConfigSource;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.session.SharedStores;

/**
 * {@code tls-connector.*} in {@code application.properties} (F5): an httpd mod_ssl configuration
 * ({@code tls-connector.httpd-conf}), a {@code Supplier<TlsConfig>} class ({@code tls-connector.config-supplier}),
 * or the common settings as properties ({@code tls-connector.virtual-hosts[0].server-name}, {@code .certificate},
 * {@code .key}, ...). The connector takes {@code server.port} (replacing {@code server.ssl}), or
 * {@code tls-connector.port} beside Boot's HTTP connector.
 */
@ConfigurationProperties("tls-connector")
public class TlsConnectorProperties {
    static final String WHERE = "the application's properties (application.properties, environment, command line)";
    static final TlsConfigSource SOURCE = new TlsConfigSource("tls-connector.httpd-conf", "tls-connector.config-supplier", WHERE);

    private String httpdConf;
    private String configSupplier;
    private Integer port;
    private String passPhrase;
    private String sessionTicketKeyFile;
    private String sessionCache;
    private String defaultVirtualHost;
    private List<Host> virtualHosts = new ArrayList<>();

    /** One {@code tls-connector.virtual-hosts[n]}. */
    public static class Host {
        private String serverName;
        private List<String> aliases = new ArrayList<>();
        private String certificate;
        private String key;
        private String chain;
        private String protocols;
        private String cipherSuite;
        private String verifyClient;
        private String caCertificateFile;
        private String options;

        public String getOptions() { return options; }
        /** mod_ssl SSLOptions, e.g. {@code +StdEnvVars} for the standard SSL_* request attributes. */
        public void setOptions(String options) { this.options = options; }
        public String getServerName() { return serverName; }
        public void setServerName(String serverName) { this.serverName = serverName; }
        public List<String> getAliases() { return aliases; }
        public void setAliases(List<String> aliases) { this.aliases = aliases; }
        public String getCertificate() { return certificate; }
        public void setCertificate(String certificate) { this.certificate = certificate; }
        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
        public String getChain() { return chain; }
        public void setChain(String chain) { this.chain = chain; }
        public String getProtocols() { return protocols; }
        public void setProtocols(String protocols) { this.protocols = protocols; }
        public String getCipherSuite() { return cipherSuite; }
        public void setCipherSuite(String cipherSuite) { this.cipherSuite = cipherSuite; }
        public String getVerifyClient() { return verifyClient; }
        public void setVerifyClient(String verifyClient) { this.verifyClient = verifyClient; }
        public String getCaCertificateFile() { return caCertificateFile; }
        public void setCaCertificateFile(String caCertificateFile) { this.caCertificateFile = caCertificateFile; }
    }

    /**
     * The configuration these properties describe.
     *
     * @throws TlsConfigException naming the property and the fix
     */
    TlsConfig toTlsConfig(ClassLoader loader) {
        boolean fromFileOrClass = isSet(httpdConf) || isSet(configSupplier);
        if (virtualHosts.isEmpty() || fromFileOrClass) {
            if (!virtualHosts.isEmpty()) {
                throw problem("tls-connector.virtual-hosts", "is set beside tls-connector.httpd-conf or tls-connector.config-supplier,"
                        + " which describe the whole TLS configuration themselves.", "keep one of them in " + WHERE + ".");
            }
            return SOURCE.resolve(httpdConf, configSupplier, loader);
        }
        TlsConfig.Builder tls = TlsConfig.builder();
        for (int i = 0; i < virtualHosts.size(); i++) {
            Host host = virtualHosts.get(i);
            String prefix = "tls-connector.virtual-hosts[" + i + "]";
            if (!isSet(host.serverName) || !isSet(host.certificate) || !isSet(host.key)) {
                throw problem(prefix, "needs server-name, certificate and key.",
                        "set " + prefix + ".server-name, " + prefix + ".certificate (PEM) and " + prefix + ".key (PEM) in " + WHERE + ".");
            }
            CertificateSource.PemFiles pem = CertificateSource.pem(Path.of(host.certificate), Path.of(host.key));
            VirtualHost.Builder builder = VirtualHost.builder(host.serverName)
                    .certificate(isSet(host.chain) ? pem.withChain(Path.of(host.chain)) : pem);
            if (!host.aliases.isEmpty()) {
                builder.aliases(host.aliases.toArray(String[]::new));
            }
            if (isSet(host.protocols)) {
                builder.protocols(host.protocols);
            }
            if (isSet(host.cipherSuite)) {
                builder.cipherSuite(host.cipherSuite);
            }
            if (isSet(host.verifyClient)) {
                builder.verifyClient(VerifyClient.parse(host.verifyClient));
            }
            if (isSet(host.options)) {
                builder.options(SslOption.parse(host.options).toArray(SslOption[]::new));
            }
            if (isSet(host.caCertificateFile)) {
                builder.caCertificateFile(Path.of(host.caCertificateFile));
            }
            tls.virtualHost(builder.build());
        }
        if (isSet(defaultVirtualHost)) {
            tls.defaultVirtualHost(defaultVirtualHost);
        }
        if (isSet(passPhrase)) {
            tls.passPhraseProvider(PassPhraseProvider.parse(passPhrase));
        }
        if (isSet(sessionTicketKeyFile)) {
            tls.sessionTicketKeyFile(Path.of(sessionTicketKeyFile));
        }
        if (isSet(sessionCache)) {
            tls.sessionCache(SharedStores.parse(sessionCache, SharedStores.DEFAULT_TIMEOUT));
        }
        return tls.build();
    }

    /** Whether any {@code tls-connector} setting asks for the connector. */
    boolean configured() {
        return isSet(httpdConf) || isSet(configSupplier) || !virtualHosts.isEmpty();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static TlsConfigException problem(String source, String problem, String fix) {
        return new TlsConfigException(new TlsConfigException.Problem(null, source, problem, fix));
    }

    public String getHttpdConf() { return httpdConf; }
    public void setHttpdConf(String httpdConf) { this.httpdConf = httpdConf; }
    public String getConfigSupplier() { return configSupplier; }
    public void setConfigSupplier(String configSupplier) { this.configSupplier = configSupplier; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public String getPassPhrase() { return passPhrase; }
    public void setPassPhrase(String passPhrase) { this.passPhrase = passPhrase; }
    public String getSessionTicketKeyFile() { return sessionTicketKeyFile; }
    public void setSessionTicketKeyFile(String sessionTicketKeyFile) { this.sessionTicketKeyFile = sessionTicketKeyFile; }
    public String getSessionCache() { return sessionCache; }
    public void setSessionCache(String sessionCache) { this.sessionCache = sessionCache; }
    public String getDefaultVirtualHost() { return defaultVirtualHost; }
    public void setDefaultVirtualHost(String defaultVirtualHost) { this.defaultVirtualHost = defaultVirtualHost; }
    public List<Host> getVirtualHosts() { return virtualHosts; }
    public void setVirtualHosts(List<Host> virtualHosts) { this.virtualHosts = virtualHosts; }
}

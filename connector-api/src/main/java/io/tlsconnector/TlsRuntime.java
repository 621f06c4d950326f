package io.tlsconnector;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.engine.HostContext;
import io.tlsconnector.engine.HostContextFactory;
import io.tlsconnector.engine.VirtualHostRouter;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.pki.KeyMaterialLoader;
import io.tlsconnector.session.SessionCache;
import io.tlsconnector.session.SharedTicketKeys;

/**
 * A {@link TlsConfig} loaded and checked: every key opened, every key/certificate pair and chain
 * verified, one {@link javax.net.ssl.SSLContext} per virtual host. Adapters hold the runtime and
 * ask it, per connection, for the host an SNI name selects.
 */
public final class TlsRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsRuntime.class);

    private final TlsConfig config;
    private final List<HostContext> hosts;
    private final Map<VirtualHost, HostContext> byHost;
    private final VirtualHostRouter router;
    private final HostContext defaultHost;
    private final List<SharedTicketKeys> sharedTicketKeys;

    private TlsRuntime(TlsConfig config, List<HostContext> hosts, List<SharedTicketKeys> sharedTicketKeys) {
        this.sharedTicketKeys = sharedTicketKeys;
        this.config = config;
        this.hosts = List.copyOf(hosts);
        this.byHost = new IdentityHashMap<>();
        hosts.forEach(h -> byHost.put(h.virtualHost(), h));
        this.router = new VirtualHostRouter(config.virtualHosts(), config.defaultVirtualHost());
        this.defaultHost = byHost.get(config.defaultVirtualHost());
    }

    /**
     * Opens every key (asking the pass-phrase provider), checks every pair and chain, and builds the
     * contexts.
     *
     * @throws TlsConfigException listing every problem found across all virtual hosts
     */
    public static TlsRuntime start(TlsConfig config) {
        Objects.requireNonNull(config, "config");
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        SecureRandom random = new SecureRandom();
        List<HostContext> hosts = new ArrayList<>();
        for (VirtualHost host : config.virtualHosts()) {
            List<KeyMaterial> certificates = new ArrayList<>();
            for (CertificateSource source : host.certificates()) {
                try {
                    certificates.add(KeyMaterialLoader.load(source, host.serverName(), config.passPhraseProvider()));
                } catch (TlsConfigException e) {
                    problems.addAll(e);
                }
            }
            checkOneCertificatePerKeyType(host, certificates, problems);
            if (certificates.size() == host.certificates().size()) {
                try {
                    hosts.add(HostContextFactory.build(host, certificates, random, config.sessions()));
                } catch (TlsConfigException e) {
                    problems.addAll(e);
                }
            }
        }
        problems.throwIfAny();
        TlsRuntime runtime = new TlsRuntime(config, hosts, shareTicketKeys(config, hosts, random));
        runtime.logLoaded();
        return runtime;
    }

    /** One {@link SharedTicketKeys} per shared store, feeding the hosts that take their ticket keys from it. */
    private static List<SharedTicketKeys> shareTicketKeys(TlsConfig config, List<HostContext> hosts, SecureRandom random) {
        Map<SessionCache, List<HostContext>> byStore = new IdentityHashMap<>();
        for (HostContext host : hosts) {
            SessionSettings sessions = host.virtualHost().sessions(config.sessions());
            if (host.sharesTicketKeys() && sessions.ticketKeyFile().isEmpty()) {
                sessions.cache().filter(SessionCache::sharedAcrossProcesses)
                        .ifPresent(store -> byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(host));
            }
        }
        List<SharedTicketKeys> sharing = new ArrayList<>();
        byStore.forEach((store, users) -> sharing.add(new SharedTicketKeys(store, config.sessions().rotation(),
                config.sessions().refresh(), random, keys -> users.forEach(h -> h.ticketKeys(keys))).start()));
        return List.copyOf(sharing);
    }

    private static void checkOneCertificatePerKeyType(VirtualHost host, List<KeyMaterial> certificates,
                                                      TlsConfigException.Collector problems) {
        Map<String, KeyMaterial> seen = new java.util.HashMap<>();
        for (KeyMaterial material : certificates) {
            String type = material.privateKey().getAlgorithm();
            KeyMaterial earlier = seen.putIfAbsent(type, material);
            if (earlier != null) {
                problems.add(host.serverName(), material.origin(),
                        "is a second " + type + " certificate on this host, after " + earlier.origin()
                                + "; a handshake can only choose between key types, so it would never be served.",
                        "keep one certificate per key type (e.g. one RSA and one ECDSA) on a virtual host.");
            }
        }
    }

    public TlsConfig config() {
        return config;
    }

    /** Every virtual host, ready to serve, in configuration order. */
    public List<HostContext> hosts() {
        return hosts;
    }

    /** The host for clients without SNI or with a name no host answers to. */
    public HostContext defaultHost() {
        return defaultHost;
    }

    /**
     * The host that serves this SNI name: exact name or alias, then wildcard, else the default host.
     *
     * @param sniName the name from the ClientHello, or {@code null} when the client sent none
     */
    public HostContext hostFor(String sniName) {
        return byHost.get(router.route(sniName));
    }

    /**
     * Stops sharing ticket keys and releases the hosts' engine contexts. Session caches belong to whoever
     * created them and stay open.
     */
    @Override
    public void close() {
        sharedTicketKeys.forEach(SharedTicketKeys::close);
        hosts.forEach(HostContext::close);
        log.debug("TLS runtime for {} virtual host(s) closed", hosts.size());
    }

    private void logLoaded() {
        for (HostContext host : hosts) {
            VirtualHost v = host.virtualHost();
            for (X509Certificate leaf : host.leafCertificates()) {
                log.info("Virtual host '{}'{}: {} certificate {} (expires {}, SHA-256 {}), protocols {}{}",
                        v.serverName(), v.aliases().isEmpty() ? "" : " " + v.aliases(),
                        leaf.getPublicKey().getAlgorithm(), leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(),
                        fingerprint(leaf), host.enabledProtocols(), host == defaultHost ? " (default)" : "");
            }
            host.enabledProtocols().stream().filter(HostContextFactory::isInsecure).forEach(p ->
                    log.warn("Virtual host '{}' enables {}, which is deprecated and insecure (RFC 8996); "
                            + "remove it from protocols(...) unless an old client truly needs it", v.serverName(), p));
        }
    }

    /** SHA-256 fingerprint in OpenSSL's {@code AB:CD:...} form. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}

package io.tlsconnector.runtime;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.Acme;
import io.tlsconnector.acme.AcmeService;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.DhParameters;
import io.tlsconnector.internal.engine.HandshakeGuard;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.internal.engine.HostLoader;
import io.tlsconnector.internal.engine.OcspStatus;
import io.tlsconnector.internal.engine.VirtualHostRouter;
import io.tlsconnector.passphrase.PassPhraseDialog;
import io.tlsconnector.pki.Certificates;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.pki.KeyMaterialLoader;
import io.tlsconnector.random.SeededRandom;
import io.tlsconnector.session.SessionCacheStats;
import io.tlsconnector.session.SharedStore;
import io.tlsconnector.session.SharedTicketKeys;
import io.tlsconnector.TlsConfigException;

/**
 * A {@link TlsConfig} loaded and checked: every key opened, every key/certificate pair and chain
 * verified, one {@link javax.net.ssl.SSLContext} per virtual host. Adapters hold the runtime and
 * ask it, per connection, for the host an SNI name selects. {@link #reload()} (or the file watcher,
 * {@code TlsConfig.Builder.watchFiles}) builds a host anew and swaps it into an immutable snapshot, so
 * new connections get the new context and live ones keep theirs.
 */
public final class TlsRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsRuntime.class);

    private final TlsConfig config;
    private final SeededRandom random;
    private final HandshakeGuard handshakeGuard;
    private final VirtualHostRouter router;
    /** The serving snapshot: one immutable map per generation, swapped whole by a reload. */
    private final AtomicReference<Map<VirtualHost, LoadedHost>> contexts;
    private final Object reloadLock = new Object();
    private volatile CertificateWatcher watcher;
    private volatile OcspRefresher ocspRefresher;
    private volatile AcmeService acme;
    /** Each store that shares ticket keys across the fleet, with the virtual hosts that take them. */
    private volatile Map<SharedTicketKeys, List<VirtualHost>> sharedTicketKeys = Map.of();

    private TlsRuntime(TlsConfig config, SeededRandom random, List<LoadedHost> hosts) {
        this.config = config;
        this.random = random;
        this.handshakeGuard = new HandshakeGuard(config.handshakeTimeout(), config.maxPendingHandshakes());
        Map<VirtualHost, LoadedHost> byHost = new IdentityHashMap<>();
        hosts.forEach(h -> byHost.put(h.virtualHost(), h));
        this.contexts = new AtomicReference<>(Collections.unmodifiableMap(byHost));
        this.router = new VirtualHostRouter(config.virtualHosts(), config.defaultVirtualHost());
    }

    /**
     * Opens every key (asking the pass-phrase provider), checks every pair and chain, and builds the
     * contexts; starts watching the files when the configuration asks for it.
     *
     * @throws TlsConfigException listing every problem found across all virtual hosts
     */
    public static TlsRuntime start(TlsConfig config) {
        return start(config, true);
    }

    /**
     * Loads and checks {@code config} as {@link #start(TlsConfig)} does, then closes the runtime: the
     * verdict a server would give, for a config doctor. No ACME order is placed (an ACME host is checked
     * with what its store holds, or its temporary certificate) and no file is watched.
     *
     * @throws TlsConfigException listing every problem found across all virtual hosts
     */
    public static void check(TlsConfig config) {
        start(config, false).close();
    }

    private static TlsRuntime start(TlsConfig config, boolean serve) {
        Objects.requireNonNull(config, "config");
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        // Seeded before any context exists, so no handshake ever runs on an unseeded generator (F4).
        // A seeding failure is reported with the key problems; the keys are still checked meanwhile.
        SeededRandom random = null;
        try {
            random = SeededRandom.start(config.randomSeed());
        } catch (TlsConfigException e) {
            problems.addAll(e);
        }
        SecureRandom contextRandom = random == null ? new SecureRandom() : random.secureRandom();
        List<LoadedHost> hosts = new ArrayList<>();
        // Before any context is built: JSSE reads its DH parameters once, when its DHE classes first load (F36).
        DhParameters.applyProcessWide(config.virtualHosts(), problems);
        // One dialog for the whole start-up: a pass-phrase that opened one key is tried on the next (F13).
        try (PassPhraseDialog passPhrases = new PassPhraseDialog(config.passPhraseProvider())) {
            for (VirtualHost host : config.virtualHosts()) {
                try {
                    hosts.add(load(config, host, passPhrases, contextRandom));
                } catch (TlsConfigException e) {
                    problems.addAll(e);
                }
            }
        }
        if (!problems.isEmpty() && random != null) {
            random.close();
        }
        problems.throwIfAny();
        TlsRuntime runtime = new TlsRuntime(config, random, hosts);
        runtime.logLoaded(runtime.hosts());
        runtime.shareTicketKeys(contextRandom);
        if (config.operations().watchDebounce() != null && serve) {
            runtime.watcher = CertificateWatcher.start(runtime, config.operations().watchDebounce());
        }
        if (config.virtualHosts().stream().anyMatch(v -> v.ocspStapling().enabled())) {
            runtime.ocspRefresher = OcspRefresher.start(runtime);
        }
        if (serve && config.virtualHosts().stream().anyMatch(v -> v.acme().isPresent())) {
            runtime.acme = AcmeService.start(config.virtualHosts(), host -> runtime.reload(List.of(host)),
                    material -> runtime.challengeContext(material));
        }
        return runtime;
    }

    /** Loads one virtual host's key material and builds its context, or throws every problem found. */
    private static LoadedHost load(TlsConfig config, VirtualHost host, PassPhraseDialog passPhrases, SecureRandom random) {
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        List<KeyMaterial> certificates = new ArrayList<>();
        // An ACME host serves what its store holds (or a temporary certificate until the first is issued).
        List<CertificateSource> sources = host.acme().isPresent() ? List.of(AcmeService.certificateSource(host)) : host.certificates();
        for (int index = 0; index < sources.size(); index++) {
            try {
                certificates.add(KeyMaterialLoader.load(sources.get(index), host.serverName(), host.port(), index, passPhrases));
            } catch (TlsConfigException e) {
                problems.addAll(e);
            }
        }
        checkOneCertificatePerKeyType(host, certificates, problems);
        problems.throwIfAny();
        return HostLoader.build(host, certificates, random, config.sessions(), config.engine());
    }

    /**
     * Reloads every virtual host from its files (mod_ssl's graceful restart): each host that loads
     * cleanly serves its new context to new connections; live connections keep theirs.
     *
     * @return the hosts whose reload failed, each still serving its previous context (empty: all reloaded)
     */
    public List<TlsConfigException> reload() {
        return reload(config.virtualHosts());
    }

    /**
     * Reloads the given virtual hosts (asking the pass-phrase provider again for encrypted keys). A
     * host whose new files are broken keeps serving its previous context; the failure is logged once,
     * at ERROR, naming the file and the problem, and returned.
     */
    public List<TlsConfigException> reload(Collection<VirtualHost> hosts) {
        List<TlsConfigException> failures = new ArrayList<>();
        for (VirtualHost host : hosts) {
            if (!contexts.get().containsKey(host)) {
                throw new IllegalArgumentException("virtual host '" + host.serverName() + "' is not one of this runtime's;"
                        + " pass the VirtualHost objects of runtime.config().virtualHosts()");
            }
        }
        // Like mod_ssl's restart, a reload asks for pass-phrases again, once for all hosts reloaded together.
        synchronized (reloadLock) {
            try (PassPhraseDialog passPhrases = new PassPhraseDialog(config.passPhraseProvider())) {
                for (VirtualHost host : hosts) {
                    LoadedHost fresh;
                    try {
                        fresh = load(config, host, passPhrases, random.secureRandom());
                    } catch (TlsConfigException e) {
                        log.error("Reload of virtual host '{}' failed; it keeps serving its previous certificate. {}",
                                host.serverName(), e.getMessage());
                        failures.add(e);
                        continue;
                    }
                    swap(host, fresh);
                    // A rebuilt engine context starts with its own keys: give it the fleet's at once.
                    sharedTicketKeys.forEach((sharing, users) -> {
                        if (users.contains(host)) {
                            sharing.applied().ifPresent(fresh::ticketKeys);
                        }
                    });
                    log.info("Reloaded virtual host '{}'; new connections get the new context", host.serverName());
                    logLoaded(List.of(fresh));
                }
            }
        }
        return List.copyOf(failures);
    }

    /** One {@link SharedTicketKeys} per shared store, feeding the hosts that take their ticket keys from it. */
    private void shareTicketKeys(SecureRandom random) {
        Map<SharedStore, List<VirtualHost>> byStore = new IdentityHashMap<>();
        for (LoadedHost host : hosts()) {
            SessionSettings sessions = host.virtualHost().sessions(config.sessions());
            if (host.sharesTicketKeys() && sessions.ticketKeyFile().isEmpty()) {
                sessions.cache().filter(SharedStore::sharedAcrossProcesses)
                        .ifPresent(store -> byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(host.virtualHost()));
            }
        }
        Map<SharedTicketKeys, List<VirtualHost>> sharing = new IdentityHashMap<>();
        // Keys go to the hosts as currently served, so a reloaded host keeps taking them.
        byStore.forEach((store, users) -> sharing.put(new SharedTicketKeys(store, config.sessions().rotation(),
                config.sessions().refresh(), random, keys -> users.forEach(v -> contexts.get().get(v).ticketKeys(keys))).start(),
                List.copyOf(users)));
        sharedTicketKeys = sharing;
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

    /**
     * Builds a fresh context for a stapling host from its current key material, so JSSE fetches a new
     * OCSP response, and serves it only when it obtained a good response; otherwise the current
     * context, with its last good response, stays.
     *
     * @return the status now served
     */
    public OcspStatus refreshStapling(VirtualHost host) {
        synchronized (reloadLock) {
            LoadedHost current = contexts.get().get(host);
            LoadedHost fresh = HostLoader.rebuild(current, random.secureRandom());
            if (fresh.ocspStatus() != null && fresh.ocspStatus().state() == OcspStatus.State.GOOD) {
                swap(host, fresh);
                log.info("Virtual host '{}' staples a fresh OCSP response (next update {})", host.serverName(),
                        fresh.ocspStatus().nextUpdate());
                return fresh.ocspStatus();
            }
            log.warn("OCSP refresh for virtual host '{}' got no good response ({}); the previous response stays stapled until {}",
                    host.serverName(), fresh.ocspStatus(), current.ocspStatus() == null ? "-" : current.ocspStatus().nextUpdate());
            return current.ocspStatus();
        }
    }

    private void swap(VirtualHost host, LoadedHost fresh) {
        contexts.updateAndGet(current -> {
            Map<VirtualHost, LoadedHost> next = new IdentityHashMap<>(current);
            next.put(host, fresh);
            return Collections.unmodifiableMap(next);
        });
    }

    public TlsConfig config() {
        return config;
    }

    /** Every virtual host as currently served (the latest reload), in configuration order. */
    public List<LoadedHost> hosts() {
        Map<VirtualHost, LoadedHost> current = contexts.get();
        return config.virtualHosts().stream().map(current::get).toList();
    }

    /**
     * Each virtual host's engine session cache and the handshakes it served, in configuration order (F3):
     * the sessions the engines hold, not an estimate. The in-memory {@code sessionCache} of a
     * configuration sizes these caches; its own {@code InMemoryStore.stats()} counts only what is put
     * into the store itself.
     */
    public List<SessionCacheStats> sessionCaches() {
        return hosts().stream().map(LoadedHost::sessionCache).toList();
    }

    /** The host for clients without SNI or with a name no host answers to. */
    public LoadedHost defaultHost() {
        return contexts.get().get(config.defaultVirtualHost());
    }

    /**
     * The host that serves this SNI name: exact name or alias, then wildcard, else the default host.
     *
     * @param sniName the name from the ClientHello, or {@code null} when the client sent none
     */
    public LoadedHost hostFor(String sniName) {
        return contexts.get().get(router.route(sniName));
    }

    /**
     * The host that answers an ACME tls-alpn-01 validation (RFC 8737): when the ClientHello offers only
     * {@link Acme#ACME_TLS_1} and a challenge for its SNI name is pending, a host serving the challenge
     * certificate; adapters then negotiate {@code acme-tls/1} on its engine and close the connection
     * after the handshake.
     */
    public Optional<LoadedHost> acmeChallengeHost(String sniName, List<String> offeredAlpn) {
        AcmeService service = acme;
        if (service == null || offeredAlpn == null || !offeredAlpn.equals(List.of(Acme.ACME_TLS_1))) {
            return Optional.empty();
        }
        return service.tlsAlpnHost(sniName);
    }

    /**
     * The body of an ACME http-01 answer for a request path on the plain HTTP connector
     * ({@code /.well-known/acme-challenge/TOKEN}), while that challenge is pending.
     */
    public Optional<String> acmeHttpAnswer(String path) {
        AcmeService service = acme;
        return service == null ? Optional.empty() : service.httpAnswer(path);
    }

    /** The ACME service of this runtime's ACME hosts; empty when no host uses ACME. */
    public Optional<AcmeService> acme() {
        return Optional.ofNullable(acme);
    }

    /** A JSSE context that serves only a tls-alpn-01 challenge certificate. */
    private LoadedHost challengeContext(KeyMaterial material) {
        String name = material.chain().get(0).getSubjectX500Principal().getName().replaceFirst("^.*CN=([^,]+).*$", "$1");
        VirtualHost challengeHost = VirtualHost.builder(HOST_NAME_FALLBACK.matcher(name).matches() ? name : "acme-challenge.invalid")
                .certificate(CertificateSource.of(material.privateKey(), material.chain())).engine(Engine.JSSE).build();
        return HostLoader.build(challengeHost, List.of(material), random.secureRandom());
    }

    private static final java.util.regex.Pattern HOST_NAME_FALLBACK = java.util.regex.Pattern.compile("[A-Za-z0-9.-]+");

    /**
     * Adapters call this for every accepted TLS connection, before its handshake: it starts a
     * connect-time reseed in the background (F26) and puts the connection on the handshake deadline
     * and under the limit on unfinished handshakes. Returns at once.
     *
     * @param finished tells whether the handshake is over (or the connection closed)
     * @param close    closes the connection
     * @param peer     the client, for the log
     */
    public HandshakeGuard.Pending connectionOpened(BooleanSupplier finished, Runnable close, Object peer) {
        random.connectionOpened();
        return handshakeGuard.track(finished, close, peer);
    }

    /** Starts a connect-time reseed (SSLRandomSeed connect) in the background and returns at once (F26). */
    public void connectionOpened() {
        random.connectionOpened();
    }

    /** The guard of unfinished handshakes (timeouts and evictions so far). */
    public HandshakeGuard handshakeGuard() {
        return handshakeGuard;
    }

    /** The seeded generator every SSLContext of this runtime uses. */
    public SecureRandom secureRandom() {
        return random.secureRandom();
    }

    /** The seeding state (connect-time reseeds so far). */
    public SeededRandom seededRandom() {
        return random;
    }

    /**
     * Stops watching files, refreshing OCSP responses, sharing ticket keys, the handshake guard and the
     * background seed reader, and releases the hosts' engine contexts. Session caches belong to whoever
     * created them and stay open.
     */
    @Override
    public void close() {
        AcmeService acmeService = acme;
        acme = null;
        if (acmeService != null) {
            acmeService.close();
        }
        CertificateWatcher running = watcher;
        watcher = null;
        if (running != null) {
            running.close();
        }
        OcspRefresher refresher = ocspRefresher;
        ocspRefresher = null;
        if (refresher != null) {
            refresher.close();
        }
        sharedTicketKeys.keySet().forEach(SharedTicketKeys::close);
        hosts().forEach(LoadedHost::close);
        handshakeGuard.close();
        random.close();
        log.debug("TLS runtime for {} virtual host(s) closed", config.virtualHosts().size());
    }

    private void logLoaded(List<LoadedHost> loaded) {
        LoadedHost defaultHost = defaultHost();
        for (LoadedHost host : loaded) {
            VirtualHost v = host.virtualHost();
            for (X509Certificate leaf : host.leafCertificates()) {
                log.info("Virtual host '{}'{}: {} certificate {} (expires {}, SHA-256 {}), protocols {}{}",
                        v.serverName(), v.aliases().isEmpty() ? "" : " " + v.aliases(),
                        leaf.getPublicKey().getAlgorithm(), leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant(),
                        Certificates.fingerprint(leaf), host.enabledProtocols(), host == defaultHost ? " (default)" : "");
            }
            logStapling(host);
            host.enabledProtocols().stream().filter(HostLoader::isInsecure).forEach(p ->
                    log.warn("Virtual host '{}' enables {}, which is deprecated and insecure (RFC 8996); "
                            + "remove it from protocols(...) unless an old client truly needs it", v.serverName(), p));
        }
    }

    private static void logStapling(LoadedHost host) {
        OcspStatus status = host.ocspStatus();
        if (status == null) {
            return;
        }
        if (status.state() == OcspStatus.State.NONE) {
            log.warn("Virtual host '{}' has OCSP stapling on but no response to staple yet: {}; handshakes go on without one"
                    + " and the response is fetched again", host.serverName(), status.detail());
        } else {
            log.info("Virtual host '{}' staples an OCSP response: {} (produced {}, next update {})", host.serverName(),
                    status.state(), status.thisUpdate(), status.nextUpdate());
        }
    }
}

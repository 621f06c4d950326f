package io.tlsconnector.acme;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.pki.CertificateSubject;
import io.tlsconnector.pki.Certificates;
import io.tlsconnector.pki.KeyMaterial;
import io.tlsconnector.pki.PrivateKeys;
import io.tlsconnector.session.SharedStore;
import io.tlsconnector.config.Acme;
import io.tlsconnector.config.RenewWindow;

/**
 * Keeps the certificates of a runtime's ACME virtual hosts (mod_md's watchdog): orders at start-up
 * what the store lacks, renews in the background (renewal information when the CA offers it, else
 * the {@link RenewWindow}), retries failures with back-off, swaps each new certificate in through the
 * runtime's reload, and answers the CA's tls-alpn-01 and http-01 challenges meanwhile. Servers sharing
 * a {@linkplain Acme#fleetStore() fleet store} elect one orderer per domain with a lock there and all
 * take the result from it.
 */
public final class AcmeService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AcmeService.class);
    private static final Duration PLACEHOLDER_VALIDITY = Duration.ofDays(7);
    /** Longest wait between two looks at a domain, so a changed ARI window or clock is noticed. */
    private static final Duration MAX_SLEEP = Duration.ofHours(12);
    /** How long the fleet's orderer holds a domain's lock at most (a crashed orderer's lock expires). */
    private static final Duration LOCK_TTL = Duration.ofMinutes(10);
    private static final Duration FLEET_POLL = Duration.ofSeconds(2);
    private static final String FLEET_PREFIX = "tls-acme:";

    private final ScheduledExecutorService scheduler;
    private final Consumer<VirtualHost> reload;
    private final Function<KeyMaterial, LoadedHost> challengeContext;
    private final List<Job> jobs = new ArrayList<>();
    private final Map<String, LoadedHost> tlsAlpnAnswers = new ConcurrentHashMap<>();
    private final Map<String, String> httpAnswers = new ConcurrentHashMap<>();
    private final Set<SharedStore> fleetStores = new LinkedHashSet<>();
    private final String serverId = UUID.randomUUID().toString();
    private volatile boolean closed;

    private AcmeService(Consumer<VirtualHost> reload, Function<KeyMaterial, LoadedHost> challengeContext) {
        this.reload = reload;
        this.challengeContext = challengeContext;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tls-acme");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts looking after the ACME hosts among {@code hosts}.
     *
     * @param reload           swaps a host's stored certificate in (the runtime's reload path)
     * @param challengeContext builds the context that serves a tls-alpn-01 challenge certificate
     */
    public static AcmeService start(List<VirtualHost> hosts, Consumer<VirtualHost> reload,
                                    Function<KeyMaterial, LoadedHost> challengeContext) {
        AcmeService service = new AcmeService(reload, challengeContext);
        for (VirtualHost host : hosts) {
            host.acme().ifPresent(acme -> {
                Job job = service.new Job(host, acme);
                service.jobs.add(job);
                acme.fleetStore().ifPresent(service.fleetStores::add);
            });
        }
        service.jobs.forEach(job -> service.scheduler.execute(job::run));
        return service;
    }

    /** The names an ACME host's certificate carries: the configured domains, else its name and non-wildcard aliases. */
    public static List<String> domains(VirtualHost host) {
        Acme acme = host.acme().orElseThrow(() -> new IllegalArgumentException("virtual host '" + host.serverName() + "' has no ACME"));
        if (!acme.domains().isEmpty()) {
            return acme.domains();
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(host.serverName().toLowerCase(Locale.ROOT));
        host.aliases().stream().filter(a -> !a.startsWith("*")).map(a -> a.toLowerCase(Locale.ROOT)).forEach(names::add);
        return List.copyOf(names);
    }

    /**
     * What an ACME host serves now: its stored certificate, or, while none is issued, a self-signed one
     * valid for a week (logged), so the server starts and can answer the CA's challenges.
     */
    public static CertificateSource certificateSource(VirtualHost host) {
        Acme acme = host.acme().orElseThrow();
        List<String> domains = domains(host);
        AcmeStore store = new AcmeStore(acme.storeDir());
        if (store.load(domains.get(0)).isPresent()) {
            return CertificateSource.pem(store.certificateFile(domains.get(0)), store.keyFile(domains.get(0)));
        }
        KeyPair keys = PrivateKeys.generate(acme.keyType());
        X509Certificate placeholder = Certificates.selfSigned(keys, CertificateSubject.of(domains.get(0),
                domains.stream().map(d -> "DNS:" + d).toArray(String[]::new)), PLACEHOLDER_VALIDITY);
        log.warn("Virtual host '{}' has no ACME certificate in {} yet; serving a temporary self-signed certificate"
                + " (valid until {}) while one is ordered from {}", host.serverName(), store.root(),
                placeholder.getNotAfter().toInstant(), acme.directory());
        return CertificateSource.of(keys.getPrivate(), List.of(placeholder));
    }

    /**
     * The host that answers a tls-alpn-01 validation for {@code sniName}, while one is pending here or
     * in the fleet store; adapters ask for it when a ClientHello offers only {@link Acme#ACME_TLS_1}.
     */
    public Optional<LoadedHost> tlsAlpnHost(String sniName) {
        if (sniName == null) {
            return Optional.empty();
        }
        String domain = trimDot(sniName.toLowerCase(Locale.ROOT));
        LoadedHost local = tlsAlpnAnswers.get(domain);
        if (local != null) {
            return Optional.of(local);
        }
        for (SharedStore fleet : fleetStores) {
            try {
                Optional<byte[]> key = fleet.get(fleetKey("alpn-key:" + domain));
                Optional<byte[]> cert = fleet.get(fleetKey("alpn-cert:" + domain));
                if (key.isPresent() && cert.isPresent()) {
                    PrivateKey privateKey = AcmeStore.parseKey(new String(key.get(), StandardCharsets.US_ASCII));
                    List<X509Certificate> chain = AcmeStore.parseChain(new String(cert.get(), StandardCharsets.US_ASCII));
                    return Optional.of(challengeContext.apply(new KeyMaterial(privateKey, chain, "ACME tls-alpn-01 challenge for " + domain)));
                }
            } catch (RuntimeException e) {
                log.warn("Fleet store {} did not answer for the tls-alpn-01 challenge of '{}': {}", fleet.describe(), domain, e.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The body for an http-01 request path ({@code /.well-known/acme-challenge/TOKEN}), while that
     * challenge is pending here or in the fleet store.
     */
    public Optional<String> httpAnswer(String path) {
        if (path == null || !path.startsWith(Acme.HTTP_CHALLENGE_PATH)) {
            return Optional.empty();
        }
        String token = path.substring(Acme.HTTP_CHALLENGE_PATH.length());
        if (token.isEmpty() || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        String local = httpAnswers.get(token);
        if (local != null) {
            return Optional.of(local);
        }
        for (SharedStore fleet : fleetStores) {
            try {
                Optional<byte[]> answer = fleet.get(fleetKey("http01:" + token));
                if (answer.isPresent()) {
                    return Optional.of(new String(answer.get(), StandardCharsets.US_ASCII));
                }
            } catch (RuntimeException e) {
                log.warn("Fleet store {} did not answer for an http-01 challenge: {}", fleet.describe(), e.toString());
            }
        }
        return Optional.empty();
    }

    /** Every managed domain as it stands. */
    public List<AcmeStatus> status() {
        return jobs.stream().map(j -> status(j.store, j.domain)).toList();
    }

    /** Every domain kept in a store directory, e.g. for {@code tlsctl acme status --store DIR}. */
    public static List<AcmeStatus> status(Path storeDir) {
        AcmeStore store = new AcmeStore(storeDir);
        return store.domains().stream().map(d -> status(store, d)).toList();
    }

    private static AcmeStatus status(AcmeStore store, String domain) {
        Optional<AcmeStore.Stored> stored;
        try {
            stored = store.load(domain);
        } catch (RuntimeException e) {
            stored = Optional.empty();
        }
        Properties p = store.status(domain);
        return new AcmeStatus(domain, stored.map(s -> s.leaf().getNotAfter().toInstant()),
                stored.map(s -> s.leaf().getSerialNumber().toString(16)),
                Optional.ofNullable(p.getProperty("nextRenewal")).map(Instant::parse),
                Integer.parseInt(p.getProperty("orders", "0")),
                Optional.ofNullable(p.getProperty("lastError")),
                Optional.ofNullable(p.getProperty("lastErrorAt")).map(Instant::parse));
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tlsAlpnAnswers.values().forEach(LoadedHost::close);
        tlsAlpnAnswers.clear();
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static byte[] fleetKey(String name) {
        return (FLEET_PREFIX + name).getBytes(StandardCharsets.UTF_8);
    }

    /** One ACME host: its store entry, its schedule, its failures. */
    private final class Job implements AcmeClient.Responder {
        private final VirtualHost host;
        private final Acme acme;
        private final List<String> domains;
        private final String domain;
        private final AcmeStore store;
        private final AcmeClient client;
        private int failures;

        Job(VirtualHost host, Acme acme) {
            this.host = host;
            this.acme = acme;
            this.domains = domains(host);
            this.domain = domains.get(0);
            this.store = new AcmeStore(acme.storeDir());
            this.client = new AcmeClient(acme, store);
        }

        void run() {
            if (closed) {
                return;
            }
            Instant next;
            try {
                next = step();
                failures = 0;
            } catch (AcmeClient.Failure | RuntimeException e) {
                if (closed) {
                    return; // interrupted by close(): not a CA failure
                }
                failures++;
                long factor = 1L << Math.min(failures - 1, 30);
                Duration delay = acme.retryDelay().multipliedBy(factor);
                if (delay.compareTo(acme.maxRetryDelay()) > 0) {
                    delay = acme.maxRetryDelay();
                }
                next = Instant.now().plus(delay);
                String message = e instanceof AcmeClient.Failure ? e.getMessage() : e.toString();
                record(p -> {
                    p.setProperty("lastError", message);
                    p.setProperty("lastErrorAt", Instant.now().toString());
                });
                log.warn("ACME certificate for '{}' (virtual host '{}') could not be obtained: {}; the current certificate stays,"
                        + " retry {} at {}", domain, host.serverName(), message, failures, next);
            }
            schedule(next);
        }

        private void schedule(Instant next) {
            Instant now = Instant.now();
            Instant capped = next.isAfter(now.plus(MAX_SLEEP)) ? now.plus(MAX_SLEEP) : next;
            record(p -> p.setProperty("nextRenewal", next.toString()));
            if (!closed) {
                scheduler.schedule(this::run, Math.max(0, Duration.between(now, capped).toMillis()), TimeUnit.MILLISECONDS);
            }
        }

        /** One look at the domain; returns when to look again. */
        private Instant step() throws AcmeClient.Failure {
            Optional<AcmeStore.Stored> stored = store.load(domain);
            if (acme.fleetStore().isPresent()) {
                Optional<AcmeStore.Stored> shared = takeFromFleet(acme.fleetStore().get(), stored);
                if (shared.isPresent()) {
                    stored = shared;
                }
            }
            if (stored.isPresent()) {
                Instant due = renewAt(stored.get().leaf());
                if (Instant.now().isBefore(due)) {
                    return due;
                }
                log.info("ACME certificate for '{}' (serial {}, expires {}) is due for renewal", domain,
                        stored.get().leaf().getSerialNumber().toString(16), stored.get().leaf().getNotAfter().toInstant());
            }
            if (acme.fleetStore().isPresent()) {
                SharedStore fleet = acme.fleetStore().get();
                if (!fleet.putIfAbsent(fleetKey("lock:" + domain), serverId.getBytes(StandardCharsets.UTF_8), LOCK_TTL)) {
                    log.debug("Another server of the fleet orders '{}'; waiting for its result", domain);
                    return Instant.now().plus(FLEET_POLL);
                }
                try {
                    // Another server may have stored its result between our look and the lock.
                    Optional<AcmeStore.Stored> meanwhile = takeFromFleet(fleet, stored);
                    if (meanwhile.isPresent()) {
                        return renewAt(meanwhile.get().leaf());
                    }
                    AcmeStore.Stored issued = order(stored);
                    Duration ttl = Duration.between(Instant.now(), issued.leaf().getNotAfter().toInstant());
                    if (!ttl.isNegative() && !ttl.isZero()) {
                        fleet.put(fleetKey("key:" + domain), PrivateKeys.pem(issued.key(), null).getBytes(StandardCharsets.US_ASCII), ttl);
                        fleet.put(fleetKey("cert:" + domain), Certificates.pem(issued.chain()).getBytes(StandardCharsets.US_ASCII), ttl);
                    }
                    return renewAt(issued.leaf());
                } finally {
                    fleet.remove(fleetKey("lock:" + domain));
                }
            }
            return renewAt(order(stored).leaf());
        }

        private AcmeStore.Stored order(Optional<AcmeStore.Stored> current) throws AcmeClient.Failure {
            log.info("ACME: ordering a certificate for {} from {}", domains, acme.directory());
            AcmeStore.Stored issued = client.order(domains, current.map(AcmeStore.Stored::leaf), this);
            install(issued, "issued by " + issued.leaf().getIssuerX500Principal().getName());
            return issued;
        }

        /** A certificate the fleet's orderer stored that is newer than ours, installed here. */
        private Optional<AcmeStore.Stored> takeFromFleet(SharedStore fleet, Optional<AcmeStore.Stored> local) {
            Optional<byte[]> key = fleet.get(fleetKey("key:" + domain));
            Optional<byte[]> cert = fleet.get(fleetKey("cert:" + domain));
            if (key.isEmpty() || cert.isEmpty()) {
                return Optional.empty();
            }
            AcmeStore.Stored shared = new AcmeStore.Stored(AcmeStore.parseKey(new String(key.get(), StandardCharsets.US_ASCII)),
                    AcmeStore.parseChain(new String(cert.get(), StandardCharsets.US_ASCII)));
            if (local.isPresent() && !shared.leaf().getNotAfter().after(local.get().leaf().getNotAfter())) {
                return Optional.empty();
            }
            install(shared, "from the fleet store " + fleet.describe());
            return Optional.of(shared);
        }

        private void install(AcmeStore.Stored issued, String origin) {
            store.save(domain, issued.key(), issued.chain());
            X509Certificate leaf = issued.leaf();
            log.info("ACME certificate for {} stored in {}: serial {}, valid until {}, {}", domains, store.domainDir(domain),
                    leaf.getSerialNumber().toString(16), leaf.getNotAfter().toInstant(), origin);
            record(p -> {
                p.remove("lastError");
                p.remove("lastErrorAt");
            });
            reload.accept(host);
        }

        private Instant renewAt(X509Certificate leaf) {
            Optional<Instant> suggested = client.suggestedRenewal(leaf);
            return suggested.orElseGet(() -> acme.renewWindow().renewAt(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()));
        }

        private void record(Consumer<Properties> change) {
            synchronized (store) {
                Properties p = store.status(domain);
                change.accept(p);
                store.status(domain, p);
            }
        }

        @Override
        public void tlsAlpn(String name, KeyPair key, X509Certificate certificate) {
            String lower = name.toLowerCase(Locale.ROOT);
            LoadedHost previous = tlsAlpnAnswers.put(lower, challengeContext.apply(
                    new KeyMaterial(key.getPrivate(), List.of(certificate), "ACME tls-alpn-01 challenge for " + lower)));
            if (previous != null) {
                previous.close();
            }
            acme.fleetStore().ifPresent(fleet -> {
                fleet.put(fleetKey("alpn-key:" + lower), PrivateKeys.pem(key.getPrivate(), null).getBytes(StandardCharsets.US_ASCII), LOCK_TTL);
                fleet.put(fleetKey("alpn-cert:" + lower), Certificates.pem(List.of(certificate)).getBytes(StandardCharsets.US_ASCII), LOCK_TTL);
            });
        }

        @Override
        public void orderPlaced() {
            record(p -> p.setProperty("orders", Integer.toString(Integer.parseInt(p.getProperty("orders", "0")) + 1)));
        }

        @Override
        public void http(String token, String keyAuthorization) {
            httpAnswers.put(token, keyAuthorization);
            acme.fleetStore().ifPresent(fleet ->
                    fleet.put(fleetKey("http01:" + token), keyAuthorization.getBytes(StandardCharsets.US_ASCII), LOCK_TTL));
        }

        @Override
        public void clear(String ignored, List<String> tokens) {
            for (String name : domains) {
                LoadedHost answer = tlsAlpnAnswers.remove(name);
                if (answer != null) {
                    answer.close();
                }
                acme.fleetStore().ifPresent(fleet -> {
                    fleet.remove(fleetKey("alpn-key:" + name));
                    fleet.remove(fleetKey("alpn-cert:" + name));
                });
            }
            for (String token : tokens) {
                httpAnswers.remove(token);
                acme.fleetStore().ifPresent(fleet -> fleet.remove(fleetKey("http01:" + token)));
            }
        }
    }
}

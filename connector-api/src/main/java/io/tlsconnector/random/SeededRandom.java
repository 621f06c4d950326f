package io.tlsconnector.random;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;

/**
 * The running side of {@link RandomSeed}: a JDK DRBG ({@code SecureRandom.getInstance("DRBG")}),
 * instantiated from the JDK's own entropy and then seeded with every startup source (F4); the one
 * {@link SecureRandom} every SSLContext of a runtime gets.
 *
 * <p>Connect-time reseeding is container-neutral: an adapter calls {@link #connectionOpened()} for
 * each accepted connection. That call never blocks: it only hands a reseed to a background thread
 * when none is running, which reads each connect source with the configured deadline; a source that
 * misses it is skipped until its read finishes, and a warning says so (F26). Connections arriving
 * while a reseed runs share it.
 */
public final class SeededRandom implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SeededRandom.class);
    /** 128 bits: what start-up must gather before the first handshake (F4). */
    public static final int MINIMUM_STARTUP_BYTES = 16;

    private final RandomSeed seed;
    private final SecureRandom drbg;
    private final ExecutorService readers;
    private final SeedReader reader;
    private final AtomicBoolean reseeding = new AtomicBoolean();
    private final Map<SeedSource, Future<byte[]>> stuck = new ConcurrentHashMap<>();
    private final AtomicLong reseeds = new AtomicLong();
    private final AtomicLong connectBytes = new AtomicLong();

    private SeededRandom(RandomSeed seed, SecureRandom drbg, ExecutorService readers) {
        this.seed = seed;
        this.drbg = drbg;
        this.readers = readers;
        this.reader = new SeedReader(readers);
    }

    /**
     * Reads every startup source (each within the startup timeout) and seeds the DRBG.
     *
     * @throws TlsConfigException naming each source that failed, timed out or delivered less than
     *                            asked, and the total when it is below 128 bits
     */
    public static SeededRandom start(RandomSeed seed) {
        Objects.requireNonNull(seed, "seed");
        ExecutorService readers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "tls-seed-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            SecureRandom drbg = newDrbg();
            SeededRandom random = new SeededRandom(seed, drbg, readers);
            random.gatherStartup();
            return random;
        } catch (RuntimeException e) {
            readers.shutdownNow();
            throw e;
        }
    }

    private static SecureRandom newDrbg() {
        try {
            SecureRandom drbg = SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256,
                    DrbgParameters.Capability.RESEED_ONLY, "io.tlsconnector".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            drbg.nextBytes(new byte[1]); // instantiates from the JDK's own entropy source, before our seed is mixed in
            return drbg;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG SecureRandom (JDK 9+ always has one)", e);
        }
    }

    private void gatherStartup() {
        List<SeedSource> sources = seed.startup();
        if (sources.isEmpty()) {
            log.info("Random seed: no startup source configured; using builtin");
            sources = List.of(SeedSource.builtin());
        }
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        List<String> report = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        long began = System.nanoTime();
        int total = 0;
        for (SeedSource source : sources) {
            SeedReader.Result result = reader.read(source, seed.startupTimeout());
            report.add(source + " → " + result.summary());
            delivered.add(source + " delivered " + (result.bytes() == null ? 0 : result.bytes().length) + " bytes");
            if (result.failure() != null) {
                problems.add(null, "SSLRandomSeed startup " + source, result.failure() + ".",
                        "check the source; at start-up every source must deliver what it is asked within "
                                + SeedReader.human(seed.startupTimeout()) + " (RandomSeed.builder().startupTimeout(...) changes that) (F4).");
            } else if (source.bytes() > 0 && result.bytes().length < source.bytes()) {
                problems.add(null, "SSLRandomSeed startup " + source, "delivered " + result.bytes().length + " of the "
                                + source.bytes() + " bytes asked.",
                        "give a byte count the source can deliver, or use a source with more data such as file:/dev/urandom (F4).");
            }
            if (result.bytes() != null) {
                drbg.setSeed(result.bytes());
                total += result.bytes().length;
                Arrays.fill(result.bytes(), (byte) 0);
            }
        }
        if (problems.isEmpty() && total < MINIMUM_STARTUP_BYTES) {
            problems.add(null, "SSLRandomSeed startup", "the startup sources delivered " + total + " bytes (" + total * 8
                            + " bits) (" + String.join(", ", delivered) + "); at least 128 bits are needed before the first handshake.",
                    "add a source that delivers at least 16 bytes, e.g. startup builtin or startup file:/dev/urandom 512 (F4).");
        }
        problems.throwIfAny();
        log.info("Random seed (startup): {} bytes ({} bits) in {} ms from {}; SecureRandom {}", total, total * 8,
                (System.nanoTime() - began) / 1_000_000, report, drbg);
        if (!seed.connect().isEmpty()) {
            log.info("Random seed (connect): reseeding from {} as connections arrive, off the handshake path, each source "
                    + "given {} (F26)", seed.connect(), SeedReader.human(seed.connectTimeout()));
        }
    }

    /** The seeded DRBG, shared by every SSLContext of the runtime. */
    public SecureRandom secureRandom() {
        return drbg;
    }

    /**
     * Called by an adapter for each new connection, on the accepting thread: starts a connect-time
     * reseed in the background unless one is running; returns at once.
     */
    public void connectionOpened() {
        if (seed.connect().isEmpty() || readers.isShutdown() || !reseeding.compareAndSet(false, true)) {
            return;
        }
        try {
            readers.execute(this::reseed);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reseeding.set(false);
        }
    }

    private void reseed() {
        try {
            long began = System.nanoTime();
            int gathered = 0;
            for (SeedSource source : seed.connect()) {
                Future<byte[]> pending = stuck.get(source);
                if (pending != null && !pending.isDone()) {
                    log.debug("Random seed (connect): {} is still blocked in an earlier read; skipped", source);
                    continue;
                }
                stuck.remove(source);
                SeedReader.Result result = reader.read(source, seed.connectTimeout());
                if (result.pending() != null) {
                    stuck.put(source, result.pending());
                    log.warn("Random seed (connect): {} delivered nothing within {}; it is skipped until that read finishes, "
                            + "and handshakes never wait for it (F26). A FIFO, a slow program or /dev/random on an old kernel "
                            + "should not be a connect source; use file:/dev/urandom", source, SeedReader.human(seed.connectTimeout()));
                } else if (result.failure() != null) {
                    log.warn("Random seed (connect): {} failed: {}", source, result.failure());
                } else {
                    drbg.setSeed(result.bytes());
                    gathered += result.bytes().length;
                    Arrays.fill(result.bytes(), (byte) 0);
                }
            }
            connectBytes.addAndGet(gathered);
            reseeds.incrementAndGet();
            log.debug("Random seed (connect): {} bytes in {} ms", gathered, (System.nanoTime() - began) / 1_000_000);
        } finally {
            reseeding.set(false);
        }
    }

    /** How many connect-time reseeds have finished. */
    public long reseeds() {
        return reseeds.get();
    }

    /** Bytes mixed in by connect-time reseeds so far. */
    public long connectBytes() {
        return connectBytes.get();
    }

    /** Stops the background reader; a read blocked in the operating system is abandoned (its thread is a daemon). */
    @Override
    public void close() {
        readers.shutdownNow();
    }
}

package io.tlsconnector.random;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * mod_ssl's SSLRandomSeed: the seed sources read at start-up ({@code startup}) and before new
 * connections ({@code connect}). A description only; {@link SeededRandom#start(RandomSeed)} reads it
 * and makes the {@link java.security.SecureRandom} every SSLContext uses (F4, F26).
 *
 * <p>Start-up gathers at least 128 bits before the first handshake, or fails naming the source and
 * what it delivered. Connect sources are read off the handshake path with a deadline: a source that
 * blocks (a FIFO, a slow program, {@code /dev/random} on an old kernel) never delays a handshake.
 */
public final class RandomSeed {
    /** When a startup source may block at most before start-up fails. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);
    /** When a connect source may block at most before it is skipped (with a warning). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    /** {@code startup builtin} and nothing at connect: what a configuration without seeding gets. */
    public static final RandomSeed DEFAULT = builder().startup(SeedSource.builtin()).build();

    private final List<SeedSource> startup;
    private final List<SeedSource> connect;
    private final Duration startupTimeout;
    private final Duration connectTimeout;

    private RandomSeed(Builder b) {
        this.startup = List.copyOf(b.startup);
        this.connect = List.copyOf(b.connect);
        this.startupTimeout = b.startupTimeout;
        this.connectTimeout = b.connectTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses SSLRandomSeed lines, e.g. {@code "startup builtin"}, {@code "connect file:/dev/urandom 512"}
     * or {@code "SSLRandomSeed startup exec:/usr/local/bin/seed 64"}; the sources of each context
     * accumulate in order, as mod_ssl's directives do.
     *
     * @throws IllegalArgumentException naming the line and the accepted forms
     */
    public static RandomSeed parse(String... lines) {
        return parse(Arrays.asList(lines));
    }

    /** {@link #parse(String...)} for a list of lines. */
    public static RandomSeed parse(List<String> lines) {
        Builder b = builder();
        for (String line : lines) {
            String text = Objects.requireNonNull(line, "line").strip();
            if (text.regionMatches(true, 0, "SSLRandomSeed", 0, 13) && text.length() > 13 && Character.isWhitespace(text.charAt(13))) {
                text = text.substring(13).strip();
            }
            String[] words = text.split("\\s+", 2);
            String context = words[0].toLowerCase(Locale.ROOT);
            if (words.length < 2 || !(context.equals("startup") || context.equals("connect"))) {
                throw new IllegalArgumentException("SSLRandomSeed '" + line + "' is not understood; write 'startup|connect source [bytes]', "
                        + "where source is " + SeedSyntax.FORMS + ".");
            }
            SeedSource source = SeedSource.parse(words[1]);
            (context.equals("startup") ? b.startup : b.connect).add(source);
        }
        return b.build();
    }

    /** The sources read once at start-up, before the first handshake. */
    public List<SeedSource> startup() {
        return startup;
    }

    /** The sources read before new connections, off the handshake path. */
    public List<SeedSource> connect() {
        return connect;
    }

    public Duration startupTimeout() {
        return startupTimeout;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The configuration as SSLRandomSeed lines, which {@link #parse(List)} reads back. */
    public List<String> directives() {
        List<String> lines = new ArrayList<>();
        startup.forEach(s -> lines.add("SSLRandomSeed startup " + s));
        connect.forEach(s -> lines.add("SSLRandomSeed connect " + s));
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RandomSeed other && startup.equals(other.startup) && connect.equals(other.connect)
                && startupTimeout.equals(other.startupTimeout) && connectTimeout.equals(other.connectTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startup, connect, startupTimeout, connectTimeout);
    }

    @Override
    public String toString() {
        return "RandomSeed" + directives();
    }

    public static final class Builder {
        private final List<SeedSource> startup = new ArrayList<>();
        private final List<SeedSource> connect = new ArrayList<>();
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder() {
        }

        /** Adds sources read at start-up. */
        public Builder startup(SeedSource... sources) {
            Arrays.stream(sources).map(s -> Objects.requireNonNull(s, "source")).forEach(startup::add);
            return this;
        }

        /** Adds sources read before new connections. */
        public Builder connect(SeedSource... sources) {
            Arrays.stream(sources).map(s -> Objects.requireNonNull(s, "source")).forEach(connect::add);
            return this;
        }

        /** How long each startup source may take before start-up fails; default 10 s. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = positive(timeout);
            return this;
        }

        /** How long each connect source may take before it is skipped; default 1 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        private static Duration positive(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a seeding timeout must be positive, was " + timeout);
            }
            return timeout;
        }

        public RandomSeed build() {
            return new RandomSeed(this);
        }
    }
}

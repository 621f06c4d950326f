package io.tlsconnector.internal.engine;

import java.util.List;
import java.util.Optional;

import io.tlsconnector.config.Engine;
import io.tlsconnector.config.VirtualHost;

/**
 * What one engine can do, declared beside the engine ({@link BoringSslCapabilities},
 * {@link JsseEngineFactory#CAPABILITIES}, {@link BcSrpEngineFactory#CAPABILITIES}); {@link EngineChoice}
 * walks these declarations in preference order instead of knowing each engine's limits itself.
 */
interface EngineCapabilities {
    Engine engine();

    /** Why the engine cannot run in this JVM, as a message names it; empty when it can. */
    Optional<String> unavailability();

    /** How to make the engine available, for a host that must run on it; only asked when {@link #unavailability()} is present. */
    default String installHint() {
        return "";
    }

    /** What a user loses when hosts fall back from this engine, logged once; empty when nothing is worth a warning. */
    default String fallbackCost() {
        return "";
    }

    /** True when it resumes sessions issued by another process (shared session-ticket keys). */
    boolean sharesSessionsAcrossProcesses();

    /** True when it serves TLS-SRP hosts (an SRP verifier file). */
    boolean servesSrp();

    /** True when it serves nothing but TLS-SRP hosts, so only they may choose it. */
    default boolean servesOnlySrp() {
        return false;
    }

    /** Each setting of {@code host} this engine does not honour; empty when it honours them all. */
    List<Limit> limits(VirtualHost host);

    /**
     * The declaration of an engine that runs in every JVM and honours every host setting.
     *
     * @param servesOnlySrp true when only TLS-SRP hosts may run on it
     */
    record Plain(Engine engine, boolean sharesSessionsAcrossProcesses, boolean servesSrp, boolean servesOnlySrp)
            implements EngineCapabilities {
        @Override
        public Optional<String> unavailability() {
            return Optional.empty();
        }

        @Override
        public List<Limit> limits(VirtualHost host) {
            return List.of();
        }
    }

    /**
     * One setting an engine does not honour.
     *
     * @param text        the setting and why, as a start-up line names it
     * @param whenForced  for a limit that must stop a host forced onto the engine: what would go wrong; else empty
     * @param fix         for such a limit: how to fix it
     */
    record Limit(String text, Optional<String> whenForced, String fix) {
        static Limit ignored(String text) {
            return new Limit(text, Optional.empty(), "");
        }

        static Limit fatal(String text, String whenForced, String fix) {
            return new Limit(text, Optional.of(whenForced), fix);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

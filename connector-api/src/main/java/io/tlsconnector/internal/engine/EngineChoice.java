package io.tlsconnector.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SessionSettings;
import io.tlsconnector.config.VirtualHost;

/**
 * Picks the engine of one virtual host from what each engine declares it can do
 * ({@link EngineCapabilities}): an SRP host goes to the engine that serves TLS-SRP; a host's (or the
 * configuration's) choice is honoured; a host whose sessions must resume across servers goes to the
 * first engine of {@link #PREFERENCE} that shares ticket keys; any other host to the first engine of
 * {@link #PREFERENCE} that runs here and honours all its settings, with a log line naming what made it
 * skip the ones before. A host forced onto an engine (its choice, or shared sessions) is served there,
 * with a start-up problem for each setting whose loss would break it and a warning naming the rest.
 */
final class EngineChoice {
    private static final Logger log = LoggerFactory.getLogger(EngineChoice.class);
    /** The engines for hosts without an SRP verifier file, fastest first; the last one always runs and honours every setting. */
    static final List<EngineCapabilities> PREFERENCE = List.of(BoringSslCapabilities.INSTANCE, JsseEngineFactory.CAPABILITIES);
    /** The engines only some hosts may run on (TLS-SRP), besides those of the preference. */
    private static final List<EngineCapabilities> SPECIAL = List.of(BcSrpEngineFactory.CAPABILITIES);
    /** Engines whose unavailability was already logged: once per JVM is enough. */
    private static final Set<Engine> WARNED_UNAVAILABLE = ConcurrentHashMap.newKeySet();

    private EngineChoice() {
    }

    /** The engine for {@code host}; problems are added for a choice that cannot be honoured. */
    static Engine choose(VirtualHost host, Optional<Engine> configured, SessionSettings sessions,
                         TlsConfigException.Collector problems) {
        return choose(host, configured, sessions, problems, PREFERENCE);
    }

    /** As above, walking {@code preference} (tests declare an engine unavailable this way). */
    static Engine choose(VirtualHost host, Optional<Engine> configured, SessionSettings sessions,
                         TlsConfigException.Collector problems, List<EngineCapabilities> preference) {
        Optional<Engine> asked = host.engine().or(() -> configured);
        String askedBy = host.engine().isPresent() ? "engine(" + host.engine().get() + ") on the virtual host"
                : "TlsConfig engine(" + configured.map(Enum::name).orElse("") + ")";
        if (host.srpVerifierFile().isPresent()) {
            return srp(host, askedBy, sessions, problems, preference);
        }
        boolean shared = sessions.sharedAcrossProcesses();
        if (asked.isPresent()) {
            EngineCapabilities chosen = of(asked.get(), preference);
            if (chosen.servesOnlySrp()) {
                problems.add(host.serverName(), askedBy, "chooses " + chosen.engine().displayName() + ", which serves only TLS-SRP"
                        + " hosts, but the host has no srpVerifierFile.", "add srpVerifierFile(...) (SSLSRPVerifierFile), or choose "
                        + preference.stream().map(c -> "Engine." + c.engine().name()).collect(Collectors.joining(" or ")) + ".");
                return chosen.engine();
            }
            if (shared && !chosen.sharesSessionsAcrossProcesses()) {
                problems.add(host.serverName(), sharingSetting(sessions), "asks for sessions that resume on every server, but "
                                + askedBy + " chooses " + chosen.engine().displayName() + ", which cannot share session-ticket keys.",
                        "let the host run on " + sharing(preference).engine().displayName() + " (remove the " + chosen.engine().name()
                                + " choice), or keep sessions on each server.");
                return chosen.engine();
            }
            return forced(host, chosen, askedBy, shared ? ", or keep sessions on each server." : ", or choose Engine.JSSE.", problems);
        }
        if (shared) {
            return forced(host, sharing(preference), sharingSetting(sessions), ", or keep sessions on each server.", problems);
        }
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < preference.size(); i++) {
            EngineCapabilities candidate = preference.get(i);
            Optional<String> unavailable = candidate.unavailability();
            if (unavailable.isPresent()) {
                if (!candidate.fallbackCost().isEmpty() && WARNED_UNAVAILABLE.add(candidate.engine())) {
                    log.warn("The {} engine cannot run here: {}. Virtual hosts are served by {}, which {}", shortName(candidate),
                            unavailable.get(), shortName(preference.get(Math.min(i + 1, preference.size() - 1))), candidate.fallbackCost());
                }
                continue;
            }
            List<EngineCapabilities.Limit> limits = candidate.limits(host);
            if (limits.isEmpty()) {
                if (!skipped.isEmpty()) {
                    log.info("Virtual host '{}' stays on {} instead of {}. To serve it there, drop that setting.",
                            host.serverName(), candidate.engine().displayName(), String.join("; ", skipped));
                }
                return candidate.engine();
            }
            skipped.add(candidate.engine().displayName() + ": " + limits.stream().map(EngineCapabilities.Limit::text)
                    .collect(Collectors.joining("; ")));
        }
        throw new IllegalStateException("the last engine of the preference must run everywhere and honour every setting");
    }

    /**
     * A host that must run on {@code engine} ({@code setting} says why): a problem when the engine cannot
     * run here or a setting it cannot honour would break the host, a warning for the settings it ignores.
     */
    private static Engine forced(VirtualHost host, EngineCapabilities engine, String setting, String otherFix,
                                 TlsConfigException.Collector problems) {
        String name = engine.engine().displayName();
        Optional<String> unavailable = engine.unavailability();
        if (unavailable.isPresent()) {
            problems.add(host.serverName(), setting, "needs the " + name + " engine, but " + unavailable.get() + ".",
                    engine.installHint() + otherFix);
            return engine.engine();
        }
        List<EngineCapabilities.Limit> limits = engine.limits(host);
        for (EngineCapabilities.Limit limit : limits) {
            limit.whenForced().ifPresent(consequence -> problems.add(host.serverName(), setting,
                    "needs the " + name + " engine, but " + limit.text() + ", " + consequence, limit.fix()));
        }
        if (!limits.isEmpty()) {
            log.warn("Virtual host '{}' is served by {} ({}), which does not honour: {}. Drop those settings, or serve"
                            + " the host on JSSE (Engine.JSSE, without sessions shared across servers) to keep them.",
                    host.serverName(), name, setting, limits.stream().map(EngineCapabilities.Limit::text).collect(Collectors.joining("; ")));
        }
        return engine.engine();
    }

    /**
     * A host with an SRP verifier file runs on the engine that serves TLS-SRP; its own choice of another
     * engine, or sessions shared across servers that engine cannot share, cannot be honoured.
     */
    private static Engine srp(VirtualHost host, String askedBy, SessionSettings sessions, TlsConfigException.Collector problems,
                              List<EngineCapabilities> preference) {
        EngineCapabilities srp = all(preference).stream().filter(EngineCapabilities::servesSrp).findFirst().orElseThrow();
        String name = srp.engine().displayName();
        String setting = "srpVerifierFile " + host.srpVerifierFile().get();
        if (host.engine().isPresent() && host.engine().get() != srp.engine()) {
            problems.add(host.serverName(), setting, "needs the " + name + " engine (the only one here"
                    + " with TLS-SRP), but " + askedBy + " chooses " + host.engine().get().displayName() + ".",
                    "remove the host's engine(...) choice, or drop srpVerifierFile.");
        }
        SessionSettings hostSessions = host.sessions(sessions);
        if (hostSessions.sharedAcrossProcesses() && !srp.sharesSessionsAcrossProcesses()) {
            problems.add(host.serverName(), setting, "runs on " + name + ", which cannot share sessions"
                    + " across servers, but " + sharingSetting(hostSessions) + " asks for that.",
                    "keep sessions on each server for this host (no sessionTicketKeyFile or shared cache).");
        }
        log.info("Virtual host '{}' runs on {}: it has an SRP verifier file ({}), and no other engine here has TLS-SRP",
                host.serverName(), name, host.srpVerifierFile().get());
        return srp.engine();
    }

    /** {@code BoringSSL}, {@code JSSE}: the display name without what it runs on. */
    private static String shortName(EngineCapabilities engine) {
        String name = engine.engine().displayName();
        int paren = name.indexOf(" (");
        return paren < 0 ? name : name.substring(0, paren);
    }

    private static List<EngineCapabilities> all(List<EngineCapabilities> preference) {
        List<EngineCapabilities> all = new ArrayList<>(preference);
        all.addAll(SPECIAL);
        return all;
    }

    private static EngineCapabilities of(Engine engine, List<EngineCapabilities> preference) {
        return all(preference).stream().filter(c -> c.engine() == engine).findFirst()
                .orElseThrow(() -> new IllegalStateException("no capabilities declared for " + engine));
    }

    /** The preferred engine that resumes sessions across servers. */
    private static EngineCapabilities sharing(List<EngineCapabilities> preference) {
        return preference.stream().filter(EngineCapabilities::sharesSessionsAcrossProcesses).findFirst().orElseThrow();
    }

    /** The setting that asks for sessions shared across servers, as a message names it. */
    static String sharingSetting(SessionSettings sessions) {
        return sessions.ticketKeyFile().map(f -> "sessionTicketKeyFile " + f)
                .orElseGet(() -> "sessionCache " + sessions.cache().map(c -> c.describe()).orElse("?"));
    }
}

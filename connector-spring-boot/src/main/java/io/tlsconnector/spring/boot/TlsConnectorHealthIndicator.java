package io.tlsconnector.spring.boot;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.session.SessionCacheStats;
import io.tlsconnector.spi.HostView;

/**
 * Actuator health ({@code /actuator/health/tlsConnector}): each virtual host with its engine and certificates
 * (subject, expiry, days left); DOWN when a certificate has expired.
 */
public final class TlsConnectorHealthIndicator implements HealthIndicator {
    private final TlsRuntime runtime;

    TlsConnectorHealthIndicator(TlsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Health health() {
        Instant now = Instant.now();
        boolean expired = false;
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (HostView host : HostView.all(runtime)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("serverName", host.serverName());
            entry.put("aliases", host.virtualHost().aliases());
            entry.put("default", host.isDefault());
            entry.put("engine", host.engineName());
            entry.put("library", host.library());
            entry.put("protocols", host.enabledProtocols());
            List<Map<String, Object>> certificates = new ArrayList<>();
            for (X509Certificate leaf : host.leafCertificates()) {
                Instant notAfter = leaf.getNotAfter().toInstant();
                expired |= notAfter.isBefore(now);
                Map<String, Object> certificate = new LinkedHashMap<>();
                certificate.put("subject", leaf.getSubjectX500Principal().getName());
                certificate.put("keyType", leaf.getPublicKey().getAlgorithm());
                certificate.put("notAfter", notAfter.toString());
                certificate.put("daysLeft", Duration.between(now, notAfter).toDays());
                certificates.add(certificate);
            }
            entry.put("certificates", certificates);
            SessionCacheStats sessions = host.sessionCache();
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("cachedSessions", sessions.cachedSessions());
            cache.put("cacheLimit", sessions.cacheLimit());
            cache.put("handshakes", sessions.handshakes());
            sessions.resumed().ifPresent(resumed -> cache.put("resumed", resumed));
            entry.put("sessions", cache);
            hosts.add(entry);
        }
        return (expired ? Health.down() : Health.up())
                .withDetail("engine", HostView.defaultHost(runtime).engineName())
                .withDetail("virtualHosts", hosts)
                .build();
    }
}

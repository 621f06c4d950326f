package io.tlsconnector.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP Strict-Transport-Security policy (RFC 6797) added to HTTPS responses: the modern form of
 * "always use HTTPS" (F5, F11).
 *
 * @param maxAge            how long browsers remember the policy; zero clears it
 * @param includeSubDomains whether the policy covers every subdomain
 * @param preload           whether the host asks to be put on browsers' preload lists
 */
public record Hsts(Duration maxAge, boolean includeSubDomains, boolean preload) {
    /** No header. */
    public static final Hsts NONE = new Hsts(Duration.ZERO, false, false);

    public Hsts {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("HSTS max-age must not be negative, was " + maxAge);
        }
    }

    /** {@code max-age} only, e.g. {@code Hsts.maxAge(Duration.ofDays(365))}. */
    public static Hsts maxAge(Duration maxAge) {
        return new Hsts(maxAge, false, false);
    }

    public Hsts withIncludeSubDomains() {
        return new Hsts(maxAge, true, preload);
    }

    public Hsts withPreload() {
        return new Hsts(maxAge, includeSubDomains, true);
    }

    /**
     * Reads a header value, e.g. {@code max-age=63072000; includeSubDomains; preload} (directive names in
     * any case, as RFC 6797 allows).
     *
     * @throws IllegalArgumentException naming what is not an HSTS directive
     */
    public static Hsts parse(String headerValue) {
        Duration maxAge = null;
        boolean subDomains = false;
        boolean preload = false;
        for (String part : headerValue.strip().replaceAll("^\"|\"$", "").split(";")) {
            String directive = part.strip();
            String lower = directive.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("max-age=")) {
                try {
                    maxAge = Duration.ofSeconds(Long.parseLong(directive.substring(8).replaceAll("^\"|\"$", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("HSTS '" + directive + "' has no whole number of seconds");
                }
            } else if (lower.equals("includesubdomains")) {
                subDomains = true;
            } else if (lower.equals("preload")) {
                preload = true;
            } else if (!directive.isEmpty()) {
                throw new IllegalArgumentException("HSTS '" + directive + "' is not max-age=N, includeSubDomains or preload");
            }
        }
        if (maxAge == null) {
            throw new IllegalArgumentException("HSTS '" + headerValue + "' has no max-age");
        }
        Hsts hsts = maxAge(maxAge);
        hsts = subDomains ? hsts.withIncludeSubDomains() : hsts;
        return preload ? hsts.withPreload() : hsts;
    }

    /** True when a header is to be sent. */
    public boolean enabled() {
        return this != NONE && !equals(NONE);
    }

    /** The header value, e.g. {@code max-age=31536000; includeSubDomains}. */
    public String headerValue() {
        return "max-age=" + maxAge.toSeconds() + (includeSubDomains ? "; includeSubDomains" : "") + (preload ? "; preload" : "");
    }
}

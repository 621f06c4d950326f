package io.tlsconnector.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a certificate is renewed without renewal information from the CA (mod_md {@code MDRenewWindow}):
 * once the remaining lifetime drops below a share of the whole lifetime ({@code 33%}, the default:
 * renewal at two thirds of the lifetime) or below a fixed time ({@code 30d}).
 *
 * @param remainingShare the share of the lifetime left when renewal starts (0..1), or 0 when {@code remaining} applies
 * @param remaining      the remaining time when renewal starts, or null when {@code remainingShare} applies
 */
public record RenewWindow(double remainingShare, Duration remaining) {
    /** Renew with a third of the lifetime left. */
    public static final RenewWindow DEFAULT = new RenewWindow(1.0 / 3, null);

    public RenewWindow {
        if (remaining == null && (remainingShare <= 0 || remainingShare >= 1)) {
            throw new IllegalArgumentException("renew window share must be between 0 and 100%, was " + remainingShare);
        }
        if (remaining != null && (remaining.isNegative() || remaining.isZero())) {
            throw new IllegalArgumentException("renew window must be positive, was " + remaining);
        }
    }

    /** mod_md syntax: {@code 33%}, {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}. */
    public static RenewWindow parse(String spec) {
        String s = Objects.requireNonNull(spec, "spec").trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.endsWith("%")) {
                return new RenewWindow(Double.parseDouble(s.substring(0, s.length() - 1)) / 100, null);
            }
            char unit = s.charAt(s.length() - 1);
            long n = Long.parseLong(Character.isDigit(unit) ? s : s.substring(0, s.length() - 1));
            Duration d = switch (unit) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> Character.isDigit(unit) ? Duration.ofDays(n) : null;
            };
            if (d == null) {
                throw new IllegalArgumentException("unit '" + unit + "'");
            }
            return new RenewWindow(0, d);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("MDRenewWindow '" + spec + "' is not a share (33%) or a time (30d, 12h, 90m, 45s)", e);
        }
    }

    /** When a certificate valid from {@code notBefore} to {@code notAfter} is due for renewal. */
    public Instant renewAt(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter);
        Duration before = remaining != null ? remaining
                : Duration.ofMillis(Math.round(lifetime.toMillis() * remainingShare));
        if (before.compareTo(lifetime) >= 0) {
            return notBefore;
        }
        return notAfter.minus(before);
    }

    @Override
    public String toString() {
        return remaining != null ? remaining.toString() : Math.round(remainingShare * 100) + "%";
    }
}

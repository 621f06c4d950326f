package io.tlsconnector.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.assertj.core.api.SoftAssertions;

/**
 * Compares the SSL_* variables mod_ssl exported with ours (F10): the same names, equal values for
 * everything that does not depend on the connection, the same format for what does (session id,
 * days remaining, the library and interface versions).
 */
public final class ModSslComparison {
    private static final DateTimeFormatter ASN1_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'", Locale.ROOT);
    private static final Set<String> FORMAT_ONLY = Set.of("SSL_SESSION_ID", "SSL_VERSION_INTERFACE", "SSL_VERSION_LIBRARY");

    private ModSslComparison() {
    }

    /** Only {@code HTTPS} and the {@code SSL_*} variables of an environment. */
    public static Map<String, String> sslOnly(Map<String, String> environment) {
        Map<String, String> ssl = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.equals("HTTPS") || name.startsWith("SSL_")) {
                ssl.put(name, value);
            }
        });
        return ssl;
    }

    /**
     * @param what     names the case in failure messages
     * @param modSsl   what mod_ssl exported (HTTPS and SSL_* only are compared)
     * @param ours     what our connector exported
     */
    public static void assertSameVariables(String what, Map<String, String> modSsl, Map<String, String> ours) {
        Map<String, String> expected = sslOnly(modSsl);
        Map<String, String> actual = sslOnly(ours);
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(new TreeSet<>(actual.keySet())).as("%s: variable names", what).isEqualTo(new TreeSet<>(expected.keySet()));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String name = e.getKey();
            String theirs = e.getValue();
            String mine = actual.get(name);
            if (mine == null) {
                continue;
            }
            if (name.equals("SSL_SESSION_ID")) {
                soft.assertThat(mine).as("%s: %s is lower-case hex like mod_ssl's %s", what, name, theirs)
                        .matches("[0-9a-f]{" + theirs.length() + "}");
            } else if (FORMAT_ONLY.contains(name)) {
                soft.assertThat(mine).as("%s: %s has mod_ssl's name/version form (%s)", what, name, theirs).matches("[^/\\s]+/\\S+");
            } else if (name.endsWith("_V_REMAIN")) {
                String end = expected.get(name.replace("_V_REMAIN", "_V_END"));
                long days = Duration.between(Instant.now(), LocalDateTime.parse(end, ASN1_TIME).toInstant(ZoneOffset.UTC)).toDays();
                soft.assertThat(Long.parseLong(mine)).as("%s: %s counts whole days until %s", what, name, end)
                        .isBetween(Math.max(0, days - 1), days + 1);
            } else {
                soft.assertThat(mine).as("%s: %s", what, name).isEqualTo(theirs);
            }
        }
        soft.assertAll();
    }
}

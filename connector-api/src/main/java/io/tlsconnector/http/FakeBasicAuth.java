package io.tlsconnector.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.SslOption;
import io.tlsconnector.vars.SslVariables;
import io.tlsconnector.vars.ConnectionRecord;

/**
 * mod_ssl's {@code SSLOptions +FakeBasicAuth} (F33), decided the same way for every adapter: a request on a
 * connection whose client certificate verified gets {@code Authorization: Basic base64("<one-line DN>:password")}
 * unless it brings its own, so the container's Basic authentication against a realm that lists the DNs
 * (each with the password {@value #PASSWORD}) authenticates the certificate and sets the remote user. A
 * request that forges such a header (user starting with {@code /}, password {@value #PASSWORD}) is refused.
 */
public final class FakeBasicAuth {
    /** The password mod_ssl pairs with the DN (crypt {@code xxj31ZMTZzkVA} in an htpasswd file). */
    public static final String PASSWORD = "password";
    /** mod_ssl answers a forged FakeBasicAuth header with 403 Forbidden. */
    public static final int FORBIDDEN = 403;

    private static final Logger log = LoggerFactory.getLogger(FakeBasicAuth.class);

    private FakeBasicAuth() {
    }

    /**
     * @param refused       true when the request forged a FakeBasicAuth header and must be answered with 403
     * @param authorization the {@code Authorization} header to set, or null to leave the request as it is
     */
    public record Decision(boolean refused, String authorization) {
        static final Decision UNCHANGED = new Decision(false, null);
    }

    /**
     * @param connection    the request's TLS connection
     * @param session       its current session
     * @param authorization the request's own {@code Authorization} header, or null
     */
    public static Decision decide(ConnectionRecord connection, SSLSession session, String authorization) {
        return decide(connection, session, authorization, connection.host().virtualHost().options());
    }

    /** As above, under the SslOptions in force for the request's path ({@link PathPolicy.Decision#options()}). */
    public static Decision decide(ConnectionRecord connection, SSLSession session, String authorization, Set<SslOption> options) {
        if (!options.contains(SslOption.FAKE_BASIC_AUTH)) {
            return Decision.UNCHANGED;
        }
        return decide(connection.sslVariables(session, options), authorization);
    }

    /**
     * @param variables     the connection's SSL_* variables (they carry the host's options and the verify result)
     * @param authorization the request's own {@code Authorization} header, or null
     */
    public static Decision decide(SslVariables variables, String authorization) {
        if (!variables.hasOption(SslOption.FAKE_BASIC_AUTH)) {
            return Decision.UNCHANGED;
        }
        if (authorization != null) {
            String user = forgedUser(authorization);
            if (user != null) {
                log.warn("Encountered FakeBasicAuth spoof: {}", user);
                return new Decision(true, null);
            }
            return Decision.UNCHANGED;
        }
        return variables.verifiedClientOnelineDn().map(FakeBasicAuth::header).map(h -> new Decision(false, h))
                .orElse(Decision.UNCHANGED);
    }

    /** The header mod_ssl synthesises for {@code dn}. */
    public static String header(String dn) {
        return "Basic " + Base64.getEncoder().encodeToString((dn + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The user of a Basic header that looks like one FakeBasicAuth makes, or null. */
    private static String forgedUser(String authorization) {
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(trimmed.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        return user.startsWith("/") && password.equals(PASSWORD) ? user : null;
    }
}

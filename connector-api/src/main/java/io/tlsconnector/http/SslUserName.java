package io.tlsconnector.http;

import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.vars.ConnectionRecord;

/**
 * mod_ssl's {@code SSLUserName} (F33), decided the same way for every adapter: the request's remote user
 * ({@code HttpServletRequest.getRemoteUser()}, CGI's {@code REMOTE_USER}) is the value of the host's chosen
 * SSL_* variable, e.g. {@code SSL_CLIENT_S_DN_CN}, and replaces the user the container authenticated, as
 * mod_ssl sets {@code r->user} after authentication. Where the variable is empty (no client certificate)
 * the request keeps the container's own user, and mod_ssl's "Failed to set r->user" is logged at debug.
 */
public final class SslUserName {
    private static final Logger log = LoggerFactory.getLogger(SslUserName.class);

    private SslUserName() {
    }

    /** The remote user for a request on {@code connection}, or empty to leave it to the container. */
    public static Optional<String> of(ConnectionRecord connection, SSLSession session) {
        Optional<String> variable = connection.host().virtualHost().userName();
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> value = connection.sslVariables(session).get(variable.get()).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            log.debug("Failed to set the remote user to '{}' for virtual host '{}': the variable is empty", variable.get(),
                    connection.host().virtualHost().serverName());
        }
        return value;
    }
}

package io.tlsconnector.http;

import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.vars.TlsConnection;

/**
 * mod_ssl's {@code SSLUserName} (F35 with {@code SSL_SRP_USER}), decided the same way for every adapter:
 * the remote user of a request is the value of the host's chosen SSL variable on its connection, when
 * that value is not empty; as mod_ssl's fixup hook, nothing is set (and a DEBUG line says so) otherwise.
 */
public final class SslUserName {
    private static final Logger log = LoggerFactory.getLogger(SslUserName.class);

    private SslUserName() {
    }

    /** The remote user for a request on {@code connection}, or empty when the host sets none. */
    public static Optional<String> of(TlsConnection connection, SSLSession session) {
        Optional<String> variable = connection.host().virtualHost().userName();
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> value = connection.sslVariables(session).get(variable.get()).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            log.debug("Virtual host '{}': SSLUserName {} has no value on this connection; no remote user is set",
                    connection.host().serverName(), variable.get());
        }
        return value;
    }
}

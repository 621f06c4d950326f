package io.tlsconnector.session;

import io.tlsconnector.TlsException;

/** A session store could not answer in time or at all; callers degrade to a full handshake (F1). */
public class SessionCacheException extends TlsException {
    private static final long serialVersionUID = 1L;

    public SessionCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}

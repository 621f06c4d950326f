package io.tlsconnector.session;

import io.tlsconnector.TlsException;

/** A session store could not answer in time or at all; callers degrade to a full handshake (F1). */
public class SharedStoreException extends TlsException {
    private static final long serialVersionUID = 1L;

    public SharedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

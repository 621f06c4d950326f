package io.tlsconnector;

/**
 * Base of every failure the library reports. Messages say what failed, where (file, setting,
 * virtual host or peer), why, and how to fix it; they never contain a pass-phrase or key.
 */
public class TlsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}

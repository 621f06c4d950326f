package io.tlsconnector.internal.engine;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLException;

/** What an {@link ObservedEngine} reports of its connection, and asks of it. */
public interface EngineEvents {
    /** Before the engine reads {@code input}; throws to refuse it (a renegotiation). */
    void beforeUnwrap(ByteBuffer input) throws SSLException;

    /** The handshake finished. */
    void handshakeSucceeded();

    /** The engine failed; {@code failure} before the handshake finished is a failed handshake. */
    void handshakeFailed(Exception failure);

    /** Whether closing skips the close_notify alert (ssl-unclean-shutdown). */
    boolean closesWithoutNotify();
}

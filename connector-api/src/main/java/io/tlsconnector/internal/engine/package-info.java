/**
 * Not API: the loaded virtual hosts and their TLS engines. A
 * {@link io.tlsconnector.internal.engine.LoadedHost} is a virtual host ready to serve; one
 * {@code HostEngineFactory} per engine (BoringSSL, JSSE, Bouncy Castle for TLS-SRP) makes its {@code SSLEngine}s;
 * ClientHello parsing, SNI routing, client-certificate checks, OCSP stapling and the handshake log live here too.
 * Anything in this package may change in any release.
 */
package io.tlsconnector.internal.engine;

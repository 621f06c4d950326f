/**
 * What the container adapters call, and only they (the adapters reach nothing of the {@code internal}
 * packages; {@code AdapterBoundaryTest} keeps it so): reading the configuration a container names
 * ({@link io.tlsconnector.spi.TlsConfigSource}); the {@link io.tlsconnector.spi.ConnectionPipeline} of one
 * TLS connection (host and engine selection, plain HTTP, renegotiation, handshake log, unclean shutdown,
 * release); the {@link io.tlsconnector.spi.RequestPipeline} of one request (strict SNI, HSTS, client
 * quirks, path rules, FakeBasicAuth, SSLUserName, attributes); and {@link io.tlsconnector.spi.HostView}, a
 * virtual host as served now, for containers that keep per-host objects. So the Jetty, Tomcat and Spring
 * Boot adapters only translate their container's types.
 */
package io.tlsconnector.spi;

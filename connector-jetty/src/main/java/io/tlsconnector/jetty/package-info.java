/**
 * The Jetty 12 adapter: {@link io.tlsconnector.jetty.JettyTls} makes a
 * {@code ServerConnector} that routes each connection by SNI to its virtual host and adds the TLS request
 * attributes; {@link io.tlsconnector.jetty.JettyTlsModule} is the standalone Jetty module.
 */
package io.tlsconnector.jetty;

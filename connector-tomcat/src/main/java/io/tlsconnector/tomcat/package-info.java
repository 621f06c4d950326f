/**
 * The Tomcat 11 adapter: {@link io.tlsconnector.tomcat.TomcatTls} and
 * {@link io.tlsconnector.tomcat.TlsNioProtocol} (usable from server.xml) make an NIO connector whose handshakes are
 * routed by SNI to the virtual hosts; {@link io.tlsconnector.tomcat.TlsAttributesValve} adds the TLS request
 * attributes.
 */
package io.tlsconnector.tomcat;

/**
 * What the container adapters call, and only they: reading the configuration a container names
 * ({@link io.tlsconnector.spi.TlsConfigSource}), and the connection and request pipeline every adapter runs, so the
 * Jetty, Tomcat and Spring Boot adapters only translate their container's types.
 */
package io.tlsconnector.spi;

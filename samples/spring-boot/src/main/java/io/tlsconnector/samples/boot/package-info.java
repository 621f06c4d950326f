/**
 * The Spring Boot sample: a web application whose HTTPS connector comes from
 * {@code tls-connector.*} properties.
 */
package io.tlsconnector.samples.boot;

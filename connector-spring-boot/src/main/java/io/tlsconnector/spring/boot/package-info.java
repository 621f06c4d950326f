/**
 * Spring Boot auto-configuration: {@code tls-connector.*} properties
 * turn the embedded Jetty or Tomcat server's HTTPS connector into this library's, with a health indicator per
 * virtual host.
 */
package io.tlsconnector.spring.boot;

/**
 * The sample HTTPS server ({@code java -jar tls-samples.jar jetty|tomcat}): a hello servlet and
 * mod_ssl's printenv, served from embedded Jetty or Tomcat.
 */
package io.tlsconnector.samples;

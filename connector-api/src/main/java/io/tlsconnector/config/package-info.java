/**
 * What a user configures, as immutable values built with builders:
 * {@link io.tlsconnector.config.TlsConfig} (server-wide settings) and its
 * {@link io.tlsconnector.config.VirtualHost}s (names, certificates, protocols, cipher strings, client
 * authentication, OCSP, session settings, path rules, HSTS, ACME), with mod_ssl's directive syntax where mod_ssl has
 * one. Values only: nothing here opens a file or a socket.
 */
package io.tlsconnector.config;

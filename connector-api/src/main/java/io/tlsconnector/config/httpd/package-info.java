/**
 * Reads an Apache httpd configuration with mod_ssl (and mod_md) into
 * {@code TlsConfig}s, one per listening address: {@link io.tlsconnector.config.httpd.HttpdConf#read(java.nio.file.Path)}.
 * Every directive is reported applied or ignored with its {@code file:line}; a directive that would change who gets in
 * or what is sent, and that the connector cannot carry over, fails the read unless it is lenient.
 */
package io.tlsconnector.config.httpd;

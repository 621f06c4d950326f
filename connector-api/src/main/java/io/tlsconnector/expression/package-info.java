/**
 * mod_ssl's {@code SSLRequire} expressions and httpd's {@code Require expr}:
 * parsed once when the configuration is built, evaluated per request against the connection's variables.
 */
package io.tlsconnector.expression;

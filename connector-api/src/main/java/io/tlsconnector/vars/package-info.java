/**
 * mod_ssl's {@code SSL_*} variables (ssl_engine_vars.c) for servlet containers (F10).
 *
 * <p>{@link io.tlsconnector.vars.SslVariables} is the one public type: the variables of one TLS
 * session, computed once, with mod_ssl's names and value formats. Package-private helpers follow the
 * concerns of mod_ssl's code: {@code Asn1Text} renders ASN.1 strings as OpenSSL's
 * {@code ASN1_STRING_print_ex}, {@code DnFormat} prints distinguished names (RFC 2253, legacy
 * oneline, components), {@code CertificateVariables} the per-certificate variables,
 * {@code ClientVerification} the {@code SSL_CLIENT_VERIFY} result, {@code OpenSslCipherNames} the
 * cipher suites' OpenSSL names and key sizes.
 */
package io.tlsconnector.vars;

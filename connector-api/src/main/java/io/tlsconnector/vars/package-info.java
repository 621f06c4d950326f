/**
 * mod_ssl's {@code SSL_*} variables (ssl_engine_vars.c) for servlet containers (F10).
 *
 * <p>Public types: {@link io.tlsconnector.vars.SslVariables}, the variables of one TLS session, computed
 * once, with mod_ssl's names and value formats; {@link io.tlsconnector.vars.TlsRequestAttributes}, every
 * request attribute name the connector sets; and {@link io.tlsconnector.vars.ConnectionRecord}, what the
 * request pipeline keeps of a connection for its requests. Package-private helpers follow the
 * concerns of mod_ssl's code: {@code Asn1Text} renders ASN.1 strings as OpenSSL's
 * {@code ASN1_STRING_print_ex}, {@code DnFormat} prints distinguished names (RFC 2253, legacy
 * oneline, components), {@code CertificateVariables} the per-certificate variables,
 * {@code OpenSslCipherNames} the
 * cipher suites' OpenSSL names and key sizes.
 */
package io.tlsconnector.vars;

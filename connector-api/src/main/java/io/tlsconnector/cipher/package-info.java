/**
 * OpenSSL cipher strings ({@code HIGH:!aNULL:!MD5}) expanded as OpenSSL expands them,
 * the table of cipher suites with their OpenSSL and IANA names, and mod_ssl's {@code SSLProtocol} syntax.
 */
package io.tlsconnector.cipher;

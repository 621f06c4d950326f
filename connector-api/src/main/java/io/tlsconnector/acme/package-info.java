/**
 * Automatic certificates over ACME (RFC 8555, acme4j) for hosts whose
 * {@link io.tlsconnector.config.Acme} settings ask for them: tls-alpn-01, http-01 and dns-01 challenges, the
 * account and certificate store, renewal inside the renewal window, and a fleet lock through a shared store so one
 * server of a fleet orders at a time.
 */
package io.tlsconnector.acme;

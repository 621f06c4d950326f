/**
 * {@link io.tlsconnector.runtime.TlsRuntime}: a {@code TlsConfig} made live. It loads every
 * virtual host (key material, engines, ticket keys, random seed), routes SNI names to hosts, and reloads: on demand,
 * when the watched certificate files change, and when OCSP responses are due for a refresh.
 */
package io.tlsconnector.runtime;

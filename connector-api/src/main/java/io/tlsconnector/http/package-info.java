/**
 * HTTP-level features an application installs: redirects between http and https
 * ({@link io.tlsconnector.http.HttpsRedirect}, the {@code _SSL}/{@code _NOSSL} marker filter, F11),
 * {@code SSLRequire} as a servlet filter, and rate limits.
 */
package io.tlsconnector.http;

/**
 * Where a fleet keeps what it shares (mod_ssl's {@code SSLSessionCache}): the
 * {@link io.tlsconnector.session.SharedStore}s (in memory, Redis, memcached) and the session-ticket keys exchanged
 * through them, so a session issued by one server resumes on another (F1, F2, F3).
 */
package io.tlsconnector.session;

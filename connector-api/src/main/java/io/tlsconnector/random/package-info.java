/**
 * Explicit random seeding, as mod_ssl's {@code SSLRandomSeed} (F4): the
 * {@code builtin}, {@code file:}, {@code exec:} and {@code egd:} sources, for the {@code startup} and {@code connect}
 * contexts, each reaching the bits it promises before the first handshake.
 */
package io.tlsconnector.random;

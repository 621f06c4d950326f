/**
 * JMH micro-benchmarks of the per-connection and per-request steps: ClientHello parsing, SNI
 * routing, cipher-string expansion, SSL_* variables.
 */
package io.tlsconnector.bench.jmh;

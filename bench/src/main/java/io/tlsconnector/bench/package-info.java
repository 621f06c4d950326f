/**
 * The benchmark harness ({@code java -jar tls-bench.jar run}): starts each server kind as its own
 * process pinned to a core, drives handshakes and requests against it and reports server CPU per operation as
 * ratios to the baseline run beside it.
 */
package io.tlsconnector.bench;

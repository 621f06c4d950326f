/**
 * {@code tlsctl}, the command line for certificates and configurations (picocli): keys, requests,
 * self-signed certificates, an own CA, conversion, hashes, probing a server, the start-up doctor, ACME status.
 */
package io.tlsconnector.samples.tlsctl;

package io.tlsconnector.acme;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one ACME-managed domain stands ({@code tlsctl acme status}).
 *
 * @param domain      the certificate's first name
 * @param notAfter    the stored certificate's expiry; empty while none is issued
 * @param serial      the stored certificate's serial number (hex); empty while none is issued
 * @param nextRenewal when this server next checks or orders
 * @param orders      orders this store's servers placed for the domain
 * @param lastError   the last failure with the CA's problem document, cleared by a success
 * @param lastErrorAt when it happened
 */
public record AcmeStatus(String domain, Optional<Instant> notAfter, Optional<String> serial, Optional<Instant> nextRenewal,
                         int orders, Optional<String> lastError, Optional<Instant> lastErrorAt) {
}

package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.time.Instant;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;

/**
 * What a virtual host staples: the state of the OCSP response its context obtained when it was built.
 *
 * @param state      GOOD, REVOKED or UNKNOWN from the responder; NONE when no response could be obtained
 * @param thisUpdate when the responder produced the status; null for NONE
 * @param nextUpdate when the responder will have a newer one; null when it did not say
 * @param detail     for NONE, why (e.g. the responder's URL and error); else empty
 */
public record OcspStatus(State state, Instant thisUpdate, Instant nextUpdate, String detail) {
    public enum State { GOOD, REVOKED, UNKNOWN, NONE }

    static OcspStatus none(String why) {
        return new OcspStatus(State.NONE, null, null, why);
    }

    /** Reads the leaf's status from a DER-encoded OCSP response. */
    static OcspStatus parse(byte[] der) {
        try {
            OCSPResp response = new OCSPResp(der);
            if (response.getStatus() != OCSPResp.SUCCESSFUL || !(response.getResponseObject() instanceof BasicOCSPResp basic)
                    || basic.getResponses().length == 0) {
                return none("the responder answered with status " + response.getStatus());
            }
            SingleResp single = basic.getResponses()[0];
            CertificateStatus status = single.getCertStatus();
            State state = status == CertificateStatus.GOOD ? State.GOOD : status instanceof RevokedStatus ? State.REVOKED : State.UNKNOWN;
            return new OcspStatus(state, single.getThisUpdate().toInstant(),
                    single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant(), "");
        } catch (IOException | OCSPException e) {
            return none("the stapled response does not parse: " + e.getMessage());
        }
    }
}

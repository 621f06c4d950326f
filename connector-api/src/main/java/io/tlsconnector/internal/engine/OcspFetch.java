package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks an OCSP responder about one certificate: the request is Bouncy Castle's, the transport a plain
 * HTTP POST bounded by a timeout.
 */
final class OcspFetch {
    private OcspFetch() {
    }

    /** The DER OCSP response for {@code cert} issued by {@code issuer}, from {@code responder}. */
    static byte[] fetch(X509Certificate cert, X509Certificate issuer, URI responder, Duration timeout) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        return post(responder, request, timeout);
    }

    /** The OCSP URL in a certificate's Authority Information Access extension, or null. */
    static URI aiaResponder(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (value == null) {
            return null;
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(ASN1OctetString.getInstance(value).getOctets());
        for (AccessDescription description : aia.getAccessDescriptions()) {
            if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                return URI.create(description.getAccessLocation().getName().toString());
            }
        }
        return null;
    }

    private static byte[] post(URI responder, byte[] request, Duration timeout) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) responder.toURL().openConnection();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setDoOutput(true);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/ocsp-request");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(request);
        }
        if (connection.getResponseCode() != 200) {
            throw new IOException("HTTP status " + connection.getResponseCode());
        }
        try (InputStream in = connection.getInputStream()) {
            return in.readNBytes(1 << 20);
        } finally {
            connection.disconnect();
        }
    }
}

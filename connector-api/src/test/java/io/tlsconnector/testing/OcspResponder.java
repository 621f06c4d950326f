package io.tlsconnector.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;

import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An OCSP responder on 127.0.0.1 for tests: answers "good" for every certificate of the test PKI (but those
 * {@linkplain #revoke revoked}),
 * signed by the intermediate CA that issued them, valid for an hour. Speaks GET and POST (RFC 6960).
 */
public final class OcspResponder implements AutoCloseable {
    private final HttpServer server;
    private final TestPki.Issued issuer;
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.Set<java.math.BigInteger> revoked = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private OcspResponder(TestPki.Issued issuer) throws IOException {
        this.issuer = issuer;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static OcspResponder start(TestPki pki) throws IOException {
        return new OcspResponder(pki.intermediate());
    }

    /** The responder's URL, for a certificate's AIA extension. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    /** Answers "revoked" for this certificate from now on. */
    public void revoke(java.security.cert.X509Certificate certificate) {
        revoked.add(certificate.getSerialNumber());
    }

    /** How many requests it answered. */
    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] der;
            if ("POST".equals(exchange.getRequestMethod())) {
                der = in.readAllBytes();
            } else {
                String path = exchange.getRequestURI().getRawPath();
                der = Base64.getDecoder().decode(java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1),
                        java.nio.charset.StandardCharsets.US_ASCII));
            }
            byte[] response = respond(new OCSPReq(der));
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            exchange.getResponseBody().write(response);
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private byte[] respond(OCSPReq request) throws Exception {
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(X500Name.getInstance(issuerHolder.getSubject())));
        Instant now = Instant.now();
        for (Req single : request.getRequestList()) {
            CertificateStatus status = revoked.contains(single.getCertID().getSerialNumber())
                    ? new org.bouncycastle.cert.ocsp.RevokedStatus(Date.from(now.minusSeconds(120)), 1) : CertificateStatus.GOOD;
            builder.addResponse(single.getCertID(), status, Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(Duration.ofHours(1))), null);
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.privateKey());
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                builder.build(signer, new X509CertificateHolder[] {issuerHolder}, Date.from(now))).getEncoded();
    }

    @Override
    public void close() {
        server.stop(0);
    }

}

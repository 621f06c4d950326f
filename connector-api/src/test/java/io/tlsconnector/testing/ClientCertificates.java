package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The client-certificate cast of the client-auth contracts: a trusted root with a server certificate,
 * a valid, a second valid, an expired, a revoked (listed in the root's CRL) and an unknown-CA client,
 * all written to one directory, plus the real clients that present them (curl, the JDK HttpClient).
 */
public final class ClientCertificates {
    static final String CN = "2.5.4.3";
    static final String O = "2.5.4.10";

    public final Path dir;
    public final TestPki.Issued root;
    public final TestPki.Issued otherRoot;
    public final TestPki.Issued server;
    public final TestPki.Issued valid;
    public final TestPki.Issued second;
    public final TestPki.Issued expired;
    public final TestPki.Issued revoked;
    public final TestPki.Issued unknown;
    public final Path rootPem;
    public final Path otherRootPem;
    public final Path crlPem;

    public ClientCertificates(Path dir) {
        this.dir = dir;
        root = ca("Client Root CA", 1);
        otherRoot = ca("Other Root CA", 2);
        server = CertificateBuilder.subject().rdn(O, utf8("tls-connector tests")).rdn(CN, utf8("localhost"))
                .san(new GeneralName(GeneralName.dNSName, "localhost")).serial(BigInteger.valueOf(10)).issuedBy(root);
        valid = client("Valid Client", 100, root, null);
        second = client("Second Client", 101, root, null);
        expired = client("Expired Client", 102, root, Instant.now().minus(Duration.ofDays(10)));
        revoked = client("Revoked Client", 103, root, null);
        unknown = client("Unknown CA Client", 104, otherRoot, null);
        rootPem = TestPki.write(dir.resolve("root.pem"), TestPki.pem(root.certificate()));
        otherRootPem = TestPki.write(dir.resolve("other-root.pem"), TestPki.pem(otherRoot.certificate()));
        crlPem = TestPki.write(dir.resolve("root-crl.pem"), TestPki.pem(CertificateBuilder.crl(root, revoked.certificate())));
    }

    private static TestPki.Issued ca(String name, int serial) {
        return CertificateBuilder.subject().rdn(O, utf8("tls-connector tests")).rdn(CN, utf8(name)).certificateAuthority()
                .serial(BigInteger.valueOf(serial)).issuedBy(null);
    }

    private static TestPki.Issued client(String name, int serial, TestPki.Issued issuer, Instant expiredSince) {
        CertificateBuilder builder = CertificateBuilder.subject().rdn(O, utf8("tls-connector tests")).rdn(CN, utf8(name))
                .serial(BigInteger.valueOf(serial));
        if (expiredSince != null) {
            builder.validity(expiredSince.minus(Duration.ofDays(30)), expiredSince);
        }
        return builder.issuedBy(issuer);
    }

    private static DERUTF8String utf8(String s) {
        return new DERUTF8String(s);
    }

    /** The subject in OpenSSL's one-line form, as FakeBasicAuth names the user. */
    public static String onelineDn(TestPki.Issued client) {
        String cn = client.certificate().getSubjectX500Principal().getName().replaceAll("^CN=([^,]*),.*$", "$1");
        return "/O=tls-connector tests/CN=" + cn;
    }

    /** curl's options presenting {@code client} (none for null), trusting the root. */
    public List<String> curlOptions(TestPki.Issued client, String name) {
        List<String> options = new ArrayList<>(List.of("--cacert", rootPem.toString()));
        if (client != null) {
            options.addAll(List.of("--cert", client.writeCertificate(dir, name).toString(),
                    "--key", client.writeKey(dir, name).toString()));
        }
        return options;
    }

    /**
     * What a curl GET of {@code url} presenting {@code client} shows: {@code refused} when the handshake
     * (or the connection right after it) failed, else {@code <status> <SSL_CLIENT_VERIFY>} from the JSON page.
     */
    public String curlOutcome(String url, TestPki.Issued client, String name, String... curlOptions) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(List.of(curlOptions));
        command.addAll(curlOptions(client, name));
        command.add(url);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(30), null, command);
        if (result.exitCode() != 0) {
            return "refused";
        }
        String out = result.stdout();
        int lastLine = out.lastIndexOf('\n');
        Map<String, String> json = FlatJson.parse(out.substring(0, lastLine));
        return out.substring(lastLine + 1).strip() + " " + json.getOrDefault("SSL_CLIENT_VERIFY", "(unset)");
    }

    /** A JDK HttpClient presenting {@code client} from a PKCS#12 key store, trusting the root. */
    public HttpClient httpClient(TestPki.Issued client) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", client.privateKey(), "changeit".toCharArray(),
                client.fullChain().toArray(X509Certificate[]::new));
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        keys.store(stored, "changeit".toCharArray());
        KeyStore reloaded = KeyStore.getInstance("PKCS12");
        reloaded.load(new java.io.ByteArrayInputStream(stored.toByteArray()), "changeit".toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(reloaded, "changeit".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** GETs {@code url} with {@code client}; the status, or the exception's class when the exchange failed. */
    public static String get(HttpClient client, String url, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().strip();
        } catch (java.io.IOException e) {
            return "refused";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}

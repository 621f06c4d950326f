package io.tlsconnector.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code openssl s_client} against a local server and reads what it negotiated. Shared by the
 * adapters' tests so they ask the same questions the same way.
 */
public final class SClient {
    private static final Pattern NEGOTIATED = Pattern.compile("(New|Reused), (\\S+), Cipher is (\\S+)");
    private static final Pattern SERVER_CERTIFICATE = Pattern.compile(
            "Server certificate\\s*\\n(-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----)", Pattern.DOTALL);

    private SClient() {
    }

    /**
     * What one s_client run saw.
     *
     * @param connected   true when the handshake completed
     * @param protocol    e.g. {@code TLSv1.3}; null when the handshake failed
     * @param cipher      OpenSSL's name of the negotiated cipher; null when the handshake failed
     * @param certificate the server's leaf certificate; null when none was received
     * @param output      everything s_client printed, for failure messages
     * @param reused      true when s_client reports the session {@code Reused} (resumed), false for {@code New}
     */
    public record Outcome(boolean connected, String protocol, String cipher, X509Certificate certificate, String output,
                          boolean reused) {
    }

    /**
     * Connects to 127.0.0.1:{@code port}, completes the handshake and quits.
     *
     * @param serverName the SNI name, or {@code null} to send none
     * @param options    further s_client options, e.g. {@code -tls1_3}, {@code -sigalgs ECDSA+SHA256}
     */
    public static Outcome handshake(int port, String serverName, String... options) {
        return exchange(port, serverName, null, options);
    }

    /**
     * Connects, sends {@code request} after the handshake, and reads until the server closes.
     */
    public static Outcome exchange(int port, String serverName, String request, String... options) {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
        if (serverName == null) {
            command.add("-noservername");
        } else {
            command.addAll(List.of("-servername", serverName));
        }
        if (request != null) {
            command.add("-ign_eof");
        }
        command.addAll(List.of(options));
        byte[] stdin = request == null ? new byte[0] : request.getBytes(StandardCharsets.US_ASCII);
        ExternalTool.Result result = ExternalTool.run(Duration.ofSeconds(20), stdin, command);
        String output = result.stdout() + "\n--- stderr ---\n" + result.stderr();
        Matcher negotiated = NEGOTIATED.matcher(result.stdout());
        boolean connected = negotiated.find() && !negotiated.group(3).equals("(NONE)");
        Matcher pem = SERVER_CERTIFICATE.matcher(result.stdout());
        X509Certificate certificate = pem.find() ? parse(pem.group(1)) : null;
        return new Outcome(connected, connected ? negotiated.group(2) : null, connected ? negotiated.group(3) : null,
                certificate, output, connected && negotiated.group(1).equals("Reused"));
    }

    private static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalStateException("s_client printed a certificate that does not parse", e);
        }
    }
}

package io.tlsconnector.diag;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.tlsconnector.TlsException;
import io.tlsconnector.pki.Certificates;

/**
 * Speaks TLS to a server the way the FAQ does with {@code openssl s_client} (F7): connects,
 * completes the handshake whatever the certificate, and reports the negotiated protocol and cipher,
 * the chain the server sent, whether the certificate covers the SNI name, and whether the chain
 * verifies against a CA file (or the JDK's trusted CAs).
 */
public final class Probe {

    /**
     * What to probe.
     *
     * @param host       host name or address to connect to
     * @param port       TCP port
     * @param serverName SNI name to send; {@code null} sends the host when it is a name (as s_client does)
     * @param protocol   {@code TLSv1.2} or {@code TLSv1.3} to allow only that version; {@code null} for both
     * @param caFile     CAs to verify the chain against; {@code null} for the JDK's trusted CAs
     * @param timeout    connect and handshake timeout
     */
    public record Target(String host, int port, String serverName, String protocol, Path caFile, Duration timeout) {
        public Target {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }

        /** {@code host:port}, with {@code [v6]:port} for IPv6. */
        public static Target parse(String hostAndPort) {
            int colon = hostAndPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostAndPort.length() - 1) {
                throw new IllegalArgumentException("'" + hostAndPort + "' is not host:port; write e.g. www.example.com:443");
            }
            String host = hostAndPort.substring(0, colon).replace("[", "").replace("]", "");
            try {
                return new Target(host, Integer.parseInt(hostAndPort.substring(colon + 1)), null, null, null, null);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + hostAndPort + "' has no numeric port; write e.g. www.example.com:443");
            }
        }

        public Target withServerName(String name) {
            return new Target(host, port, name, protocol, caFile, timeout);
        }

        public Target withProtocol(String version) {
            return new Target(host, port, serverName, version, caFile, timeout);
        }

        public Target withCaFile(Path file) {
            return new Target(host, port, serverName, protocol, file, timeout);
        }
    }

    /**
     * What the handshake showed.
     *
     * @param protocol     e.g. {@code TLSv1.3}
     * @param cipherSuite  IANA name of the negotiated suite
     * @param chain        the certificates the server sent, leaf first
     * @param serverName   the SNI name sent, or {@code null}
     * @param sniMatched   true when the leaf's subjectAltName (or CN) covers {@code serverName}
     * @param verification {@code OK} or why the chain does not verify
     */
    public record Result(String protocol, String cipherSuite, List<X509Certificate> chain, String serverName,
                         boolean sniMatched, String verification) {
        public Result {
            chain = List.copyOf(chain);
        }

        /** What {@code tlsctl probe} prints. */
        public String report() {
            StringBuilder text = new StringBuilder();
            text.append("Protocol:     ").append(protocol).append('\n');
            text.append("Cipher:       ").append(cipherSuite).append('\n');
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate c = chain.get(i);
                text.append(String.format("Certificate %d: %s%n    issuer: %s%n    valid until %s%n", i, c.getSubjectX500Principal().getName(),
                        c.getIssuerX500Principal().getName(), c.getNotAfter().toInstant()));
            }
            text.append("SNI:          ").append(serverName == null ? "none sent"
                    : serverName + (sniMatched ? " (the certificate covers it)" : " (NOT covered by the certificate: the server "
                    + "has no virtual host for this name and answered with its default)")).append('\n');
            text.append("Verification: ").append(verification).append('\n');
            return text.toString();
        }
    }

    private Probe() {
    }

    public static Result probe(Target target) {
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>(new X509Certificate[0]);
        String serverName = target.serverName() != null ? target.serverName() : isAddress(target.host()) ? null : target.host();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recording(seen)}, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(target.host(), target.port()), (int) target.timeout().toMillis());
                plain.setSoTimeout((int) target.timeout().toMillis());
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, target.host(), target.port(), true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
                    parameters.setProtocols(target.protocol() == null ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {target.protocol()});
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    SSLSession session = socket.getSession();
                    List<X509Certificate> chain = List.of(seen.get());
                    return new Result(session.getProtocol(), session.getCipherSuite(), chain, serverName,
                            serverName != null && !chain.isEmpty() && covers(chain.get(0), serverName), verify(chain, target.caFile()));
                }
            }
        } catch (IOException e) {
            throw new TlsException("Probe of " + target.host() + ":" + target.port() + " failed: " + e.getMessage()
                    + "; check that the port speaks TLS (not plain HTTP) and allows "
                    + (target.protocol() == null ? "TLSv1.2 or TLSv1.3" : target.protocol()) + ".", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException("Cannot set up TLS for the probe: " + e.getMessage(), e);
        }
    }

    private static String verify(List<X509Certificate> chain, Path caFile) {
        try {
            KeyStore trusted = null;
            if (caFile != null) {
                trusted = KeyStore.getInstance("PKCS12");
                trusted.load(null, null);
                int n = 0;
                for (X509Certificate ca : Certificates.read(caFile)) {
                    trusted.setCertificateEntry("ca" + n++, ca);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            X509TrustManager manager = (X509TrustManager) factory.getTrustManagers()[0];
            manager.checkServerTrusted(chain.toArray(X509Certificate[]::new), authType(chain.get(0)));
            return "OK (chain verifies against " + (caFile == null ? "the JDK's trusted CAs" : caFile) + ")";
        } catch (CertificateException e) {
            return "FAILED: " + e.getMessage();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return "not checked: " + e.getMessage();
        }
    }

    private static String authType(X509Certificate leaf) {
        return switch (leaf.getPublicKey().getAlgorithm()) {
            case "EC" -> "ECDHE_ECDSA";
            case "RSA" -> "ECDHE_RSA";
            default -> "UNKNOWN";
        };
    }

    /** SAN dNSName (with a one-label {@code *.} wildcard) or iPAddress; the CN only when there is no SAN. */
    static boolean covers(X509Certificate certificate, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> altNames = certificate.getSubjectAlternativeNames();
            if (altNames != null) {
                altNames.forEach(entry -> names.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT)));
            } else {
                for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
                    if (part.startsWith("CN=")) {
                        names.add(part.substring(3).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateException e) {
            return false;
        }
        for (String candidate : names) {
            if (candidate.equals(wanted)) {
                return true;
            }
            if (candidate.startsWith("*.") && wanted.indexOf('.') > 0 && wanted.substring(wanted.indexOf('.')).equals(candidate.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    /** Accepts every server certificate and remembers it: verification is reported, not enforced. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate[]> seen;

        Recording(AtomicReference<X509Certificate[]> seen) {
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            seen.set(chain.clone());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            seen.set(chain.clone());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain.clone());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the probe is a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

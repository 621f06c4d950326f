package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** HTTP/1.1 over one JDK TLS socket, for tests that watch what happens to the connection itself. */
public final class RawHttps implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    /** One HTTP response: the header block as sent, and the body (de-chunked). */
    public record Response(String head, String body) {
        public boolean hasHeader(String name, String value) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttps(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port} with SNI {@code serverName}, trusting {@code root}. */
    public static RawHttps connect(int port, String serverName, X509Certificate root) throws IOException {
        SSLSocket socket = (SSLSocket) TrustingClients.sslContextTrusting(root).getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new RawHttps(socket);
    }

    /** The certificate the server presented. */
    public X509Certificate serverCertificate() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** Sends {@code GET path} with the given Host and User-Agent and reads the whole response. */
    public Response get(String path, String host, String userAgent) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + userAgent + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readLine();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            head += "\r\n" + line;
        }
        head += "\r\n";
        String lower = head.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            for (int size = Integer.parseInt(readLine().strip(), 16); size > 0; size = Integer.parseInt(readLine().strip(), 16)) {
                body.write(in.readNBytes(size));
                readLine();
            }
            readLine();
        } else if (lower.contains("\r\ncontent-length: ")) {
            int start = lower.indexOf("\r\ncontent-length: ") + 18;
            body.write(in.readNBytes(Integer.parseInt(lower.substring(start, lower.indexOf("\r\n", start)).strip())));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(head, body.toString(StandardCharsets.UTF_8));
    }

    /** True when the server has closed the connection (end of stream or a reset) within the socket timeout. */
    public boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.tlsconnector.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.tlsconnector.internal.engine.ClientHelloParser.Result;
import io.tlsconnector.internal.engine.ClientHelloParser.Status;
import io.tlsconnector.testing.ExternalTool;
import io.tlsconnector.testing.HelloCapture;
import io.tlsconnector.testing.HelloMutator;

/**
 * The ClientHello parser against first flights captured from real clients (openssl s_client, curl,
 * the JDK), fed whole, byte by byte and re-framed, and against mutated and random input (F30, F8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientHelloParserTest {
    private static final String NAME = "capture.test";

    private byte[] fromOpenssl;
    private byte[] fromCurl;
    private byte[] fromJdk;

    @BeforeAll
    void captureRealClientHellos() {
        fromOpenssl = HelloCapture.capture(port -> ExternalTool.run(Duration.ofSeconds(15), List.of("openssl", "s_client",
                "-connect", "127.0.0.1:" + port, "-servername", NAME, "-alpn", "h2,http/1.1")));
        fromCurl = HelloCapture.capture(port -> ExternalTool.run(Duration.ofSeconds(15), List.of("curl", "-sk",
                "--max-time", "10", "--http2", "--resolve", NAME + ":" + port + ":127.0.0.1", "https://" + NAME + ":" + port + "/")));
        fromJdk = HelloCapture.capture(ClientHelloParserTest::jdkHandshake);
    }

    private static void jdkHandshake(int port) {
        try (SSLSocket socket = (SSLSocket) SSLContext.getDefault().getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(NAME)));
            parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        } catch (IOException expected) {
            // the capture listener hangs up after the ClientHello
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<byte[]> captures() {
        return List.of(fromOpenssl, fromCurl, fromJdk);
    }

    @Nested
    class RealClients {
        @Test
        void opensslSClientOffersItsNameAlpnAndTls13() {
            ClientHello hello = parseComplete(fromOpenssl);
            assertThat(hello.serverName()).isEqualTo(NAME);
            assertThat(hello.alpnProtocols()).containsExactly("h2", "http/1.1");
            assertThat(hello.supportedVersions()).contains(0x0304, 0x0303);
            assertThat(hello.cipherSuites()).contains(0x1301); // TLS_AES_128_GCM_SHA256
            assertThat(hello.signatureSchemes()).contains(0x0403); // ecdsa_secp256r1_sha256
        }

        @Test
        void curlOffersItsNameAndH2() {
            ClientHello hello = parseComplete(fromCurl);
            assertThat(hello.serverName()).isEqualTo(NAME);
            assertThat(hello.alpnProtocols()).contains("h2", "http/1.1");
            assertThat(hello.cipherSuites()).isNotEmpty();
        }

        @Test
        void theJdkClientOffersItsNameAndAlpn() {
            ClientHello hello = parseComplete(fromJdk);
            assertThat(hello.serverName()).isEqualTo(NAME);
            assertThat(hello.alpnProtocols()).containsExactly("h2", "http/1.1");
            assertThat(hello.supportedVersions()).contains(0x0304);
        }

        @Test
        void aHelloWithoutSniHasNoServerName() {
            byte[] noSni = HelloCapture.capture(port -> ExternalTool.run(Duration.ofSeconds(15), List.of("openssl", "s_client",
                    "-connect", "127.0.0.1:" + port, "-noservername")));
            ClientHello hello = parseComplete(noSni);
            assertThat(hello.serverName()).isNull();
            assertThat(hello.sni()).isEmpty();
            assertThat(hello.alpnProtocols()).isEmpty();
        }
    }

    @Nested
    class SplitInput {
        @Test
        void everyPrefixOfARealHelloAsksForMoreData() {
            for (byte[] hello : captures()) {
                for (int length = 0; length < hello.length; length++) {
                    Result result = ClientHelloParser.parse(ByteBuffer.wrap(hello, 0, length));
                    assertThat(result.status()).as("prefix of %d of %d bytes", length, hello.length)
                            .isEqualTo(Status.NEED_MORE_DATA);
                }
                assertThat(ClientHelloParser.parse(ByteBuffer.wrap(hello)).status()).isEqualTo(Status.CLIENT_HELLO);
            }
        }

        @ParameterizedTest(name = "records of {0} bytes")
        @ValueSource(ints = {1, 2, 3, 7, 100, 511})
        void aHelloSpreadOverSeveralRecordsReadsTheSame(int recordSize) {
            for (byte[] hello : captures()) {
                byte[] reframed = HelloMutator.reframe(hello, recordSize);
                assertThat(parseComplete(reframed)).isEqualTo(parseComplete(hello));
                Result partial = ClientHelloParser.parse(ByteBuffer.wrap(reframed, 0, reframed.length - 1));
                assertThat(partial.status()).isEqualTo(Status.NEED_MORE_DATA);
            }
        }

        @Test
        void theInputBufferIsLeftUntouched() {
            ByteBuffer buffer = ByteBuffer.allocate(fromCurl.length + 10);
            buffer.position(3);
            buffer.put(fromCurl);
            buffer.flip().position(3);
            ClientHelloParser.parse(buffer);
            assertThat(buffer.position()).isEqualTo(3);
            assertThat(buffer.limit()).isEqualTo(3 + fromCurl.length);
        }

        @Test
        void bytesAfterACompleteHelloDoNotMatter() {
            byte[] followed = Arrays.copyOf(fromOpenssl, fromOpenssl.length + 50);
            Arrays.fill(followed, fromOpenssl.length, followed.length, (byte) 0x17);
            assertThat(parseComplete(followed)).isEqualTo(parseComplete(fromOpenssl));
        }
    }

    @Nested
    class HostileInput {
        @Test
        void plainHttpIsRecognisedFromItsRequestLine() {
            assertThat(parse("GET / HTTP/1.1\r\n").status()).isEqualTo(Status.HTTP);
            assertThat(parse("OPTIONS * HTTP/1.1\r\n").status()).isEqualTo(Status.HTTP);
            assertThat(parse("GE").status()).isEqualTo(Status.NEED_MORE_DATA);
        }

        @Test
        void bytesThatAreNeitherTlsNorHttpAreRefused() {
            assertThat(ClientHelloParser.parse(ByteBuffer.wrap(new byte[] {1, 2, 3})).status()).isEqualTo(Status.NOT_TLS);
            assertThat(parse("get / http/1.1").status()).isEqualTo(Status.NOT_TLS);
        }

        @Test
        void anSslv2StyleHelloIsNotTls() {
            // SSLv2-compatible hello: high bit of the first byte set, then length and msg type 1.
            byte[] sslv2 = {(byte) 0x80, 0x2e, 0x01, 0x03, 0x01, 0x00, 0x15, 0x00, 0x00, 0x00, 0x10};
            assertThat(ClientHelloParser.parse(ByteBuffer.wrap(sslv2)).status()).isEqualTo(Status.NOT_TLS);
        }

        @Test
        void aHelloAnnouncingMoreThan16KibIsRefusedBeforeItArrives() {
            int claimed = ClientHelloParser.MAX_CLIENT_HELLO_BYTES + 1;
            byte[] header = {22, 3, 1, 0x40, 0x00, 1, (byte) (claimed >> 16), (byte) (claimed >> 8), (byte) claimed};
            Result result = ClientHelloParser.parse(ByteBuffer.wrap(header));
            assertThat(result.status()).isEqualTo(Status.TOO_LARGE);
            assertThat(result.reason()).contains("exceeds " + ClientHelloParser.MAX_CLIENT_HELLO_BYTES);
        }

        @Test
        void anotherHandshakeMessageFirstIsMalformed() {
            byte[] serverHello = fromOpenssl.clone();
            serverHello[5] = 2;
            Result result = ClientHelloParser.parse(ByteBuffer.wrap(serverHello));
            assertThat(result.status()).isEqualTo(Status.MALFORMED);
            assertThat(result.reason()).contains("not ClientHello");
        }

        @Test
        void mutatedAndRandomInputAlwaysGetsAnAnswer() {
            HelloMutator mutator = new HelloMutator(20261125L);
            Map<Status, Integer> seen = new EnumMap<>(Status.class);
            List<byte[]> originals = captures();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int inputs = 0;
            for (; inputs < 60_000 && System.nanoTime() < deadline; inputs++) {
                byte[] input = mutator.mutate(originals.get(inputs % originals.size()));
                Result result = ClientHelloParser.parse(ByteBuffer.wrap(input));
                assertThat(result).isNotNull();
                if (result.status() == Status.CLIENT_HELLO) {
                    assertThat(result.clientHello()).isNotNull();
                } else {
                    assertThat(result.clientHello()).isNull();
                }
                seen.merge(result.status(), 1, Integer::sum);
            }
            assertThat(inputs).isEqualTo(60_000);
            // The mutations reach every outcome, so the run exercised the parser's refusals, not only its happy path.
            assertThat(seen.keySet()).contains(Status.CLIENT_HELLO, Status.NEED_MORE_DATA, Status.MALFORMED, Status.NOT_TLS);
        }
    }

    private static ClientHello parseComplete(byte[] bytes) {
        Result result = ClientHelloParser.parse(ByteBuffer.wrap(bytes));
        assertThat(result.status()).as("%s", result.reason()).isEqualTo(Status.CLIENT_HELLO);
        return result.clientHello();
    }

    private static Result parse(String text) {
        return ClientHelloParser.parse(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }
}

package io.tlsconnector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.CertificateSource;
import io.tlsconnector.config.VerifyClient;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.http.SslRequireFilter;

/**
 * Issue 18: the same {@code SSLRequire} expressions ({@code -n}, {@code -z}, {@code -ipmatch}, the glob operators,
 * {@code file()} and {@code PeerExtList()} over a client certificate with custom extensions) on a real httpd +
 * mod_ssl and on the container under test with the SslRequireFilter; each request must be allowed (200) or denied
 * (403) by both alike.
 */
public abstract class SslRequireDifferentialContract extends EngineContract {
    /** The adapter under test. */
    protected abstract ContainerUnderTest container();

    static final String ARC = "1.3.6.1.4.1.55555.";
    static final Map<String, String> HEADERS = Map.of("X-Addr", "2001:db8::5", "X-Mapped", "::ffff:192.0.2.7",
            "X-Name", "Report-2024.PDF", "X-Host", "localhost", "X-Star", "axb");

    @TempDir
    static Path dir;

    static ClientCertificates certs;
    static TestPki.Issued withExtensions;
    static List<String> expressions;
    static ApacheHttpd httpd;
    static TlsRuntime runtime;
    static ContainerUnderTest.Running running;

    static List<String> expressions(Path allow, Path missing) {
        String a = allow.toString();
        String m = missing.toString();
        return List.of(
                "-n %{SSL_CLIENT_S_DN_CN}",
                "-z %{SSL_CLIENT_S_DN_CN}",
                "-z %{HTTP:X-Absent}",
                "! -n %{HTTP:X-Absent} && -n \"x\"",
                "%{REMOTE_ADDR} -ipmatch '127.0.0.0/8'",
                "%{REMOTE_ADDR} -ipmatch '10.0.0.0/255.0.0.0'",
                "%{REMOTE_ADDR} -ipmatch '127.0.0.1'",
                "%{HTTP:X-Addr} -ipmatch '2001:db8::/32'",
                "%{HTTP:X-Addr} -ipmatch '2001:db9::/32'",
                "%{HTTP:X-Mapped} -ipmatch '192.0.2.0/24'",
                "%{HTTP:X-Host} -ipmatch '127.0.0.0/8'",
                "-R '127.0.0.0/8'",
                "%{HTTP:X-Name} -strmatch '*.PDF'",
                "%{HTTP:X-Name} -strmatch '*.pdf'",
                "%{HTTP:X-Name} -strcmatch '*.pdf'",
                "%{HTTP:X-Name} -strmatch 'Report-20[0-9][0-9].???'",
                "%{HTTP:X-Name} -strmatch 'Report-20[!0-9]*'",
                "%{HTTP:X-Star} -strmatch 'a\\*b'",
                "%{HTTP:X-Star} -strmatch 'a\\\\*b'",
                "%{REQUEST_URI} -strmatch '/cgi-bin/*'",
                "%{REQUEST_URI} -fnmatch '/cgi-bin/*'",
                "file('" + a + "') == \"open sesame\"",
                "file(\"" + a + "\") -strmatch 'open*'",
                "-n file('" + a + "')",
                "file('" + m + "') == \"\"",
                "! (file('" + m + "') == \"x\")",
                "\"foo\" in PeerExtList(\"" + ARC + "1\")",
                "\"bar\" in PeerExtList('" + ARC + "2')",
                "\"5\" in PeerExtList(\"" + ARC + "3\")",
                "\"b\u00e4z\" in PeerExtList(\"" + ARC + "4\")",
                "%{SSL_CLIENT_S_DN_CN} -in PeerExtList(\"" + ARC + "5\")",
                "\"foo\" in PeerExtList(\"" + ARC + "9\")",
                "\"hello comment\" in PeerExtList(\"nsComment\")",
                "\"hello comment\" in PeerExtList(\"2.16.840.1.113730.1.13\")",
                "\"CA:FALSE\" in PeerExtList(\"basicConstraints\")",
                "!(\"foo\" in PeerExtList(\"" + ARC + "1\")) || %{SSL_CLIENT_VERIFY} == \"SUCCESS\"");
    }

    /** httpd and its answers per client certificate, shared by the engines. */
    static final Map<TestPki.Issued, List<String>> httpdAnswers = new java.util.HashMap<>();

    @BeforeAll
    static void startHttpd() throws Exception {
        ExternalTool.require("apache2");
        certs = new ClientCertificates(dir);
        withExtensions = CertificateBuilder.subject().rdn("2.5.4.10", new DERUTF8String("tls-connector tests"))
                .rdn("2.5.4.3", new DERUTF8String("Extension Client"))
                .extension(ARC + "1", new DERUTF8String("foo"))
                .extension(ARC + "2", new DERIA5String("bar"))
                .extension(ARC + "3", new ASN1Integer(5))
                .extension(ARC + "4", new DERBMPString("b\u00e4z"))
                .extension(ARC + "5", new DERUTF8String("Extension Client"))
                .extension("2.16.840.1.113730.1.13", new DERIA5String("hello comment"))
                .serial(BigInteger.valueOf(200)).issuedBy(certs.root);
        Path allow = Files.writeString(dir.resolve("allow.txt"), "open sesame", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(allow, PosixFilePermissions.fromString("rw-r--r--"));
        expressions = expressions(allow, dir.resolve("missing.txt"));

        Path crt = certs.server.writeFullChain(dir, "server");
        Path key = certs.server.writeKey(dir, "server");
        StringBuilder conf = new StringBuilder("SSLCertificateFile \"" + crt + "\"\nSSLCertificateKeyFile \"" + key + "\"\n"
                + "SSLCACertificateFile \"" + certs.rootPem + "\"\nSSLVerifyClient optional\n");
        for (int i = 0; i < expressions.size(); i++) {
            conf.append("<Location \"/cgi-bin/env.cgi/r").append(i).append("/\">\n  SSLRequire ").append(expressions.get(i))
                    .append("\n</Location>\n");
        }
        httpd = ApacheHttpd.start(dir.resolve("httpd"), conf.toString());
    }

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void startOurs() throws Exception {

        runtime = TlsRuntime.start(tlsConfig().virtualHost(VirtualHost.builder("localhost")
                .certificate(CertificateSource.of(certs.server.privateKey(), certs.server.fullChain()))
                .verifyClient(VerifyClient.OPTIONAL).caCertificateFile(certs.rootPem).build()).build());
        Map<String, SslRequireFilter> byCase = new LinkedHashMap<>();
        for (int i = 0; i < expressions.size(); i++) {
            byCase.put("r" + i, new SslRequireFilter(expressions.get(i)));
        }
        running = container().launch(List.of(ContainerUnderTest.Tls.of(runtime)), AttributesServlet.class,
                new ContainerUnderTest.Extras(null, new PerCase(byCase)));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void stopOurs() throws Exception {
        ContainerUnderTest.closeAll(running, runtime);
    }

    @AfterAll
    static void stopHttpd() {
        if (httpd != null) {
            httpd.close();
        }
        httpdAnswers.clear();
    }

    /** The SslRequireFilter of the case the path names ({@code /cgi-bin/env.cgi/r3/}), as httpd's {@code <Location>}. */
    static final class PerCase implements Filter {
        private static final Pattern CASE = Pattern.compile("^/cgi-bin/env\\.cgi/(r\\d+)/");
        private final Map<String, SslRequireFilter> byCase;

        PerCase(Map<String, SslRequireFilter> byCase) {
            this.byCase = byCase;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
            Matcher m = CASE.matcher(((HttpServletRequest) request).getRequestURI());
            SslRequireFilter filter = m.find() ? byCase.get(m.group(1)) : null;
            if (filter == null) {
                chain.doFilter(request, response);
            } else {
                filter.doFilter(request, response, chain);
            }
        }
    }

    private static List<String> outcomes(HttpClient client, int port) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < expressions.size(); i++) {
            String answer = ClientCertificates.get(client, "https://localhost:" + port + "/cgi-bin/env.cgi/r" + i + "/", HEADERS);
            out.add(answer.split(" ", 2)[0] + "  " + expressions.get(i));
        }
        return out;
    }

    private static void assertSameAsHttpd(TestPki.Issued client) throws Exception {
        HttpClient http = certs.httpClient(client);
        List<String> theirs = httpdAnswers.computeIfAbsent(client, c -> outcomes(http, httpd.port()));
        assertThat(theirs).as("httpd answers every case with 200 or 403; error log:\n%s", httpd.errorLog())
                .allMatch(s -> s.startsWith("200 ") || s.startsWith("403 "));
        assertThat(outcomes(http, running.port(0))).as("allowed/denied as httpd does").containsExactlyElementsOf(theirs);
    }

    @Test
    void aCertificateWithCustomExtensionsIsAllowedAndDeniedAsHttpdDoes() throws Exception {
        assertSameAsHttpd(withExtensions);
    }

    @Test
    void aCertificateWithoutThemIsAllowedAndDeniedAsHttpdDoes() throws Exception {
        assertSameAsHttpd(certs.valid);
    }
}

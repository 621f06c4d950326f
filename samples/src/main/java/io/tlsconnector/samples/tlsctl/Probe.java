package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code openssl s_client -connect host:port -servername name} in short (F7). */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Connects to a TLS server and prints the negotiated protocol and cipher, the server's certificate chain, whether the certificate covers the SNI name, and whether the chain verifies (F7).",
                "Example: tlsctl probe www.example.com:443 --servername www.example.com --tls1_3"})
final class Probe extends TlsctlCommand {
    static final class Version {
        @Option(names = "--tls1_2", description = "allow only TLS 1.2")
        boolean tls12;

        @Option(names = "--tls1_3", description = "allow only TLS 1.3")
        boolean tls13;
    }

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "the server, e.g. localhost:8443 or [::1]:8443")
    String target;

    @Option(names = "--servername", paramLabel = "NAME", description = "SNI name to send (default: the host, when it is a name)")
    String serverName;

    @ArgGroup(exclusive = true)
    Version version;

    @Option(names = "--cafile", paramLabel = "FILE", description = "CA certificates to verify the chain against (default: the JDK's)")
    Path caFile;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS", description = "connect and handshake timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Override
    int run() {
        var parsed = io.tlsconnector.diag.Probe.Target.parse(target);
        var full = new io.tlsconnector.diag.Probe.Target(parsed.host(), parsed.port(), serverName,
                version == null ? null : version.tls12 ? "TLSv1.2" : "TLSv1.3", caFile, Duration.ofSeconds(timeoutSeconds));
        out().print(io.tlsconnector.diag.Probe.probe(full).report());
        return 0;
    }
}

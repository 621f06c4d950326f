package io.tlsconnector.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.tlsconnector.config.ClientAuth;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;

/**
 * Whether a request may cross from the virtual host its handshake chose into another one (F30, F31),
 * as mod_ssl decides it (its {@code ssl_server_compatible}, AH02032): only when the other host would
 * have made the same TLS connection, that is the same protocols, configured cipher suites in the same order,
 * client-certificate demand (mode, depth, CA file and directory, CA names requested, revocation
 * sources and mode, client OCSP) and engine. Certificates may differ: a client that reached one host
 * through a certificate also valid for the other (HTTP/2 connection coalescing) is served.
 */
public final class HostCompatibility {
    private HostCompatibility() {
    }

    /** The settings in which {@code served} and {@code requested} differ, as a log line names them; empty when compatible. */
    public static List<String> differences(LoadedHost served, LoadedHost requested) {
        List<String> differ = new ArrayList<>();
        if (served == requested) {
            return differ;
        }
        if (!Set.copyOf(served.enabledProtocols()).equals(Set.copyOf(requested.enabledProtocols()))) {
            differ.add("protocols " + served.enabledProtocols() + " vs " + requested.enabledProtocols());
        }
        VirtualHost a = served.virtualHost();
        VirtualHost b = requested.virtualHost();
        // The configured lists, as mod_ssl compares its SSLCipherSuite strings: the suites a host enables also
        // follow its certificates' key types, which may differ between compatible hosts.
        if (!a.cipherSuites().equals(b.cipherSuites()) || !a.tls13CipherSuites().equals(b.tls13CipherSuites())) {
            differ.add("cipherSuite " + a.cipherSpec().orElse("(default)") + " vs " + b.cipherSpec().orElse("(default)"));
        }
        if (a.verifyClient() != b.verifyClient()) {
            differ.add("verifyClient " + a.verifyClient() + " vs " + b.verifyClient());
        }
        ClientAuth authA = a.clientAuth();
        ClientAuth authB = b.clientAuth();
        if (authA.verifyDepth() != authB.verifyDepth()) {
            differ.add("verifyDepth " + authA.verifyDepth() + " vs " + authB.verifyDepth());
        }
        if (!Objects.equals(a.caCertificateFile(), b.caCertificateFile()) || !Objects.equals(authA.caCertificatePath(), authB.caCertificatePath())) {
            differ.add("client CA certificates (caCertificateFile/caCertificatePath)");
        }
        if (!Objects.equals(authA.caDnRequestFile(), authB.caDnRequestFile()) || !Objects.equals(authA.caDnRequestPath(), authB.caDnRequestPath())) {
            differ.add("CA names requested (caDnRequestFile/caDnRequestPath)");
        }
        if (!Objects.equals(authA.caRevocationFile(), authB.caRevocationFile()) || !Objects.equals(authA.caRevocationPath(), authB.caRevocationPath())
                || !Objects.equals(authA.revocationCheck(), authB.revocationCheck())) {
            differ.add("revocation (caRevocationFile/caRevocationPath/revocationCheck)");
        }
        if (!Objects.equals(authA.ocsp(), authB.ocsp())) {
            differ.add("client OCSP");
        }
        if (!Objects.equals(a.srpVerifierFile(), b.srpVerifierFile()) || !Objects.equals(a.srpUnknownUserSeed(), b.srpUnknownUserSeed())) {
            // mod_ssl's SSLVHostSNIPolicy secure counts SRP among the client-authentication settings.
            differ.add("TLS-SRP (srpVerifierFile " + a.srpVerifierFile().map(Object::toString).orElse("none") + " vs "
                    + b.srpVerifierFile().map(Object::toString).orElse("none") + ", or srpUnknownUserSeed)");
        }
        if (served.engine() != requested.engine()) {
            differ.add("engine " + served.engine() + " vs " + requested.engine());
        }
        return differ;
    }
}

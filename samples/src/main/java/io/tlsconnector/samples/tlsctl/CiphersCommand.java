package io.tlsconnector.samples.tlsctl;

import java.io.PrintWriter;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

import io.tlsconnector.cipher.CipherString;
import io.tlsconnector.cipher.CipherSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsctl ciphers [-v] [--iana] 'STRING'}: what an OpenSSL cipher string expands to, like
 * {@code openssl ciphers -v}, and which of those suites the Java TLS provider implements (F27).
 */
@Command(name = "ciphers", mixinStandardHelpOptions = true,
        description = {"Expands an OpenSSL cipher string (mod_ssl SSLCipherSuite) to its TLS 1.2 suites, "
                + "in OpenSSL 3.0's order, before narrowing to what the Java TLS provider implements.",
                "Default output: OpenSSL and IANA name, one suite a line."})
public final class CiphersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-v", description = "also print protocol, key exchange, authentication, encryption, MAC "
            + "and whether the active provider implements the suite")
    boolean verbose;

    @Option(names = "--iana", description = "print only the IANA names, one per line")
    boolean iana;

    @Parameters(arity = "0..1", defaultValue = "DEFAULT", paramLabel = "STRING",
            description = "OpenSSL cipher string, e.g. 'HIGH:!aNULL:!MD5' (default: ${DEFAULT-VALUE})")
    String cipherString;

    @Override
    public Integer call() throws NoSuchAlgorithmException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CipherString parsed;
        try {
            parsed = CipherString.parse(cipherString);
        } catch (IllegalArgumentException e) {
            err.println("tlsctl ciphers: " + e.getMessage());
            return 1;
        }
        for (String word : parsed.unknownWords()) {
            err.println("tlsctl ciphers: '" + word + "' names no suite or alias; OpenSSL skips it silently");
        }
        List<CipherSuite> suites = parsed.suites();
        if (suites.isEmpty()) {
            err.println("tlsctl ciphers: \"" + cipherString + "\" selects no TLS 1.2 cipher suite (OpenSSL: no cipher match)");
            return 1;
        }
        SSLContext context = SSLContext.getDefault();
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        String provider = context.getProvider().getName();
        for (CipherSuite suite : suites) {
            if (iana) {
                out.println(suite.ianaName());
            } else if (verbose) {
                out.printf("%-46s - %s %s=%s%n", suite.ianaName(), suite.description(), provider,
                        supported.contains(suite.ianaName()) ? "yes" : "no");
            } else {
                out.printf("%-31s %s%n", suite.openSslName(), suite.ianaName());
            }
        }
        out.flush();
        return 0;
    }
}

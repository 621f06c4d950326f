package io.tlsconnector.samples.tlsctl;

import io.tlsconnector.pki.CertificateSubject;
import picocli.CommandLine.Option;

/** {@code --cn}, {@code --subject}, {@code --san}: the names of a CSR or certificate (F15). */
final class SubjectOptions {
    @Option(names = "--cn", paramLabel = "NAME", description = "common name, e.g. the server's host name www.example.test")
    String commonName;

    @Option(names = "--subject", paramLabel = "DN", description = "subject in OpenSSL form, e.g. \"/C=DE/O=Example\" (CN from --cn or here)")
    String subject;

    @Option(names = "--san", paramLabel = "LIST",
            description = "subjectAltName entries, e.g. DNS:www.example.test,DNS:example.test,IP:127.0.0.1 "
                    + "(default: the CN, when it is a host name)")
    String subjectAltNames;

    CertificateSubject toSubject() {
        return new CertificateSubject(commonName, subject, CertificateSubject.parseSubjectAltNames(subjectAltNames));
    }
}

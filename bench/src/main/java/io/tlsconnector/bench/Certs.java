package io.tlsconnector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A throw-away certificate made with the openssl command at run time (never committed). */
record Certs(String keyType, Path cert, Path key, Path keystore) {

    static Certs generate(Path dir, String keyType) throws IOException, InterruptedException {
        Path d = Files.createDirectories(dir.resolve(keyType));
        Path key = d.resolve("key.pem");
        Path cert = d.resolve("cert.pem");
        Path keystore = d.resolve("keystore.p12");
        List<String> newKey = switch (keyType) {
            case "ecdsa" -> List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256");
            case "rsa" -> List.of("-newkey", "rsa:2048");
            default -> throw new IllegalArgumentException("key type " + keyType + ": use ecdsa or rsa");
        };
        var req = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "90", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString()));
        req.addAll(3, newKey);
        check(Proc.run(req, 60), cert);
        check(Proc.run(List.of("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(),
                "-name", "server", "-passout", "pass:" + BenchServer.KEYSTORE_PASSWORD, "-out", keystore.toString()), 60), keystore);
        return new Certs(keyType, cert, key, keystore);
    }

    private static void check(String output, Path made) throws IOException {
        if (!Files.isRegularFile(made) || Files.size(made) == 0) {
            throw new IOException("openssl did not write " + made + ": " + output);
        }
    }
}

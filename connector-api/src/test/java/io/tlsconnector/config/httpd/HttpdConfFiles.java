package io.tlsconnector.config.httpd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tlsconnector.config.httpd.HttpdConfReport.Entry;
import io.tlsconnector.config.httpd.HttpdConfReport.Kind;

/** httpd.conf files the importer tests write, and what the importer reports of them. */
final class HttpdConfFiles {
    private HttpdConfFiles() {
    }

    /**
     * Writes {@code dir/httpd.conf}: {@code server} lines, then one vhost per {@code hosts} entry (name,
     * then its extra lines), each with {@code dir/server.crt} and {@code dir/server.key}.
     */
    static Path write(Path dir, List<String> server, List<List<String>> hosts) throws IOException {
        List<String> lines = new ArrayList<>(server);
        for (List<String> host : hosts) {
            lines.addAll(List.of("<VirtualHost *:443>", "ServerName " + host.get(0), "SSLEngine on",
                    "SSLCertificateFile " + dir.resolve("server.crt"), "SSLCertificateKeyFile " + dir.resolve("server.key")));
            lines.addAll(host.subList(1, host.size()));
            lines.add("</VirtualHost>");
        }
        Path file = dir.resolve("httpd.conf");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** The report's entries of one kind, as text. */
    static List<String> report(HttpdConf read, Kind kind) {
        return read.report().entries(kind).stream().map(Entry::toString).toList();
    }
}

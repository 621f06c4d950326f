package io.tlsconnector.samples.tlsctl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tlsconnector.acme.AcmeService;
import io.tlsconnector.acme.AcmeStatus;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.config.httpd.HttpdConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tlsctl acme status}: one line per domain of the store (expiry, next renewal, orders, last error). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Lists every domain of an ACME store: the certificate's expiry and serial, the next renewal, the orders placed and the last error.")
final class AcmeStatusCommand extends TlsctlCommand {
    @Option(names = "--store", paramLabel = "DIR", description = "an ACME store directory (MDStoreDir, Acme.Builder.storeDir); repeatable")
    List<Path> stores = new ArrayList<>();

    @Option(names = "--conf", paramLabel = "FILE", description = "an httpd.conf with mod_md directives: the stores of its MDomain hosts")
    Path conf;

    @Option(names = {"-D", "--define"}, paramLabel = "NAME=VALUE", description = "defines ${NAME} for --conf")
    Map<String, String> defines = new LinkedHashMap<>();

    @Override
    int run() {
        Set<Path> dirs = new LinkedHashSet<>(stores);
        if (conf != null) {
            for (HttpdConf.Listener listener : HttpdConf.read(conf, defines).listeners()) {
                for (VirtualHost host : listener.config().virtualHosts()) {
                    host.acme().ifPresent(acme -> dirs.add(acme.storeDir().toAbsolutePath().normalize()));
                }
            }
        }
        if (dirs.isEmpty()) {
            return fail("name an ACME store with --store DIR, or an httpd.conf with MDomain hosts with --conf FILE");
        }
        out().printf("%-30s %-22s %-20s %-22s %6s  %s%n", "DOMAIN", "EXPIRES", "SERIAL", "NEXT RENEWAL", "ORDERS", "LAST ERROR");
        int listed = 0;
        for (Path dir : dirs) {
            for (AcmeStatus status : AcmeService.status(dir)) {
                listed++;
                out().printf("%-30s %-22s %-20s %-22s %6d  %s%n", status.domain(),
                        status.notAfter().map(Object::toString).orElse("(none yet)"), status.serial().orElse("-"),
                        status.nextRenewal().map(Object::toString).orElse("-"), status.orders(),
                        status.lastError().map(e -> status.lastErrorAt().map(at -> at + " ").orElse("") + e).orElse("-"));
            }
        }
        if (listed == 0) {
            out().println("(no domain in " + dirs + " yet)");
        }
        return 0;
    }
}

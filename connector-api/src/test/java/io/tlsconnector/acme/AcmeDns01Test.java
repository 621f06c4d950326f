package io.tlsconnector.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.testing.Pebble;
import io.tlsconnector.config.Acme;
import io.tlsconnector.config.DnsProvider;

/**
 * dns-01 through the {@link DnsProvider} SPI against a real pebble, whose DNS (pebble-challtestsrv) the
 * provider here writes to as a DNS provider's API would; no connector port is involved (issue 22).
 */
class AcmeDns01Test {
    @Test
    void aDnsProviderPublishesTheChallengeRecordAndRemovesItAfterwards(@TempDir Path dir) throws Exception {
        try (Pebble pebble = Pebble.prepare(Files.createDirectories(dir.resolve("pebble")))) {
            pebble.start(1, 1, null);
            List<String> calls = new CopyOnWriteArrayList<>();
            DnsProvider dns = new DnsProvider() {
                @Override
                public void publish(String recordName, String value) throws Exception {
                    calls.add("publish " + recordName);
                    pebble.setTxt(recordName, value);
                }

                @Override
                public void remove(String recordName, String value) throws Exception {
                    calls.add("remove " + recordName);
                    pebble.clearTxt(recordName);
                }
            };
            Acme acme = Acme.builder().directory(pebble.directory()).agreeToTerms().contact("ops@dns.acme.test")
                    .storeDir(dir.resolve("md")).caCertificateFile(pebble.serverCa()).challenges(Acme.Challenge.DNS_01)
                    .dnsProvider(dns).retryDelay(Duration.ofMillis(300), Duration.ofSeconds(2)).build();
            try (TlsRuntime runtime = TlsRuntime.start(TlsConfig.builder()
                    .virtualHost(VirtualHost.builder("dns.acme.test").acme(acme).build()).build())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
                while (!runtime.hostFor("dns.acme.test").leafCertificates().get(0).getIssuerX500Principal().getName().contains("Pebble")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(runtime.hostFor("dns.acme.test").leafCertificates().get(0).getIssuerX500Principal().getName())
                        .as("pebble log:\n%s", pebble.log()).contains("Pebble Intermediate CA");
                assertThat(calls).containsExactly("publish _acme-challenge.dns.acme.test.", "remove _acme-challenge.dns.acme.test.");
                assertThat(runtime.acme().orElseThrow().status()).singleElement()
                        .satisfies(status -> assertThat(status.orders()).isEqualTo(1));
            }
        }
    }
}

package io.tlsconnector.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.tlsconnector.internal.engine.OcspStatus;

/** When stapled OCSP responses are fetched again. */
class OcspRefresherTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aGoodResponseIsRefreshedHalfwayToItsNextUpdate() {
        OcspStatus status = new OcspStatus(OcspStatus.State.GOOD, NOW, NOW.plus(Duration.ofHours(24)), "");
        assertThat(OcspRefresher.delay(status, NOW)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aResponseAboutToExpireIsRefreshedAfterTheMinimumDelay() {
        OcspStatus status = new OcspStatus(OcspStatus.State.GOOD, NOW.minus(Duration.ofHours(2)), NOW.plusSeconds(10), "");
        assertThat(OcspRefresher.delay(status, NOW)).isEqualTo(OcspRefresher.MIN_DELAY);
    }

    @Test
    void withoutAResponseTheFetchIsRetriedEveryFiveMinutes() {
        assertThat(OcspRefresher.delay(new OcspStatus(OcspStatus.State.NONE, null, null, "down"), NOW)).isEqualTo(Duration.ofMinutes(5));
        assertThat(OcspRefresher.delay(null, NOW)).isEqualTo(Duration.ofMinutes(5));
    }
}

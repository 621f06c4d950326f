package io.tlsconnector.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** mod_ssl's SSLProtocol syntax (F40). */
class ProtocolSetTest {

    @Test
    void allMinusOldVersionsLeavesTls12And13() {
        assertThat(ProtocolSet.parse("all -SSLv3 -TLSv1 -TLSv1.1").protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void wordsAreCaseInsensitiveAndKeptOldestFirst() {
        assertThat(ProtocolSet.parse("tlsv1.3 +TLSV1.2").protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Test
    void aBareWordReplacesWhatCameBeforeAsInModSsl() {
        assertThat(ProtocolSet.parse("TLSv1.2 TLSv1.3").protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void minusSslv2IsAcceptedAndMeansNothing() {
        assertThat(ProtocolSet.parse("all -SSLv2 -SSLv3").protocols()).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    }

    @Test
    void anUnknownWordIsNamedInTheError() {
        assertThatThrownBy(() -> ProtocolSet.parse("TLSv1.2 +TLSv1.4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'TLSv1.4'")
                .hasMessageContaining("TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 or all");
    }

    @Test
    void aListThatLeavesNothingIsRefused() {
        assertThatThrownBy(() -> ProtocolSet.parse("TLSv1.3 -TLSv1.3"))
                .hasMessageContaining("leaves no protocol enabled");
    }

    @Test
    void theDefaultIsTls12AndTls13() {
        assertThat(ProtocolSet.DEFAULT.protocols()).containsExactly("TLSv1.2", "TLSv1.3");
    }

    @Nested
    class BrokenProtocols {
        @Test
        void sslv3IsRefusedNamingTheAttack() {
            assertThatThrownBy(() -> ProtocolSet.parse("all +SSLv3"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'+SSLv3' in protocol list \"all +SSLv3\" asks for SSLv3, which is broken (POODLE, RFC 7568) "
                            + "and is never enabled; remove it (or write -SSLv3) and use TLSv1.2 and TLSv1.3");
        }

        @Test
        void sslv2IsRefusedEvenAsABareWord() {
            assertThatThrownBy(() -> ProtocolSet.parse("sslv2"))
                    .hasMessage("'sslv2' in protocol list \"sslv2\" asks for SSLv2, which is broken (RFC 6176) "
                            + "and is never enabled; remove it (or write -SSLv2) and use TLSv1.2 and TLSv1.3");
        }

        @Test
        void allNoLongerContainsSslv3() {
            assertThat(ProtocolSet.parse("all").protocols()).containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        }
    }
}

package io.tlsconnector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** F34: httpd's BrowserMatch workarounds. */
class ClientQuirksTest {
    @Nested
    class ParsingHttpdSyntax {
        @Test
        void theModSslFaqLineGivesAllThreeWorkarounds() {
            ClientQuirks quirks = ClientQuirks.parse("BrowserMatch \".*MSIE.*\" nokeepalive ssl-unclean-shutdown downgrade-1.0");
            assertThat(quirks.forUserAgent("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"))
                    .containsExactlyInAnyOrder(ClientQuirk.NOKEEPALIVE, ClientQuirk.SSL_UNCLEAN_SHUTDOWN, ClientQuirk.DOWNGRADE_1_0);
        }

        @Test
        void everyMatchingRuleAppliesAndOthersDoNot() {
            ClientQuirks quirks = ClientQuirks.parse("""
                    # comments and blank lines are skipped

                    BrowserMatch Lynx nokeepalive
                    BrowserMatch "Lynx/2" downgrade-1.0
                    BrowserMatch Wget ssl-unclean-shutdown
                    """);
            assertThat(quirks.forUserAgent("Lynx/2.8.9")).containsExactlyInAnyOrder(ClientQuirk.NOKEEPALIVE, ClientQuirk.DOWNGRADE_1_0);
            assertThat(quirks.forUserAgent("curl/8.0")).isEmpty();
            assertThat(quirks.forUserAgent(null)).isEmpty();
        }

        @Test
        void anUnknownFlagIsRefusedWithTheKnownOnes() {
            assertThatThrownBy(() -> ClientQuirks.parse("BrowserMatch MSIE force-response-1.0"))
                    .hasMessage("unknown client quirk 'force-response-1.0'; use nokeepalive, ssl-unclean-shutdown or downgrade-1.0");
        }

        @Test
        void aLineThatIsNotBrowserMatchIsRefused() {
            assertThatThrownBy(() -> ClientQuirks.parse("SetEnvIf User-Agent MSIE nokeepalive"))
                    .hasMessage("'SetEnvIf User-Agent MSIE nokeepalive' is not of the form BrowserMatch \"regex\" flag...");
        }
    }

    @Test
    void rulesCanBeBuiltInCode() {
        ClientQuirks quirks = ClientQuirks.NONE.and("MSIE [2-5]\\.", ClientQuirk.NOKEEPALIVE);
        assertThat(quirks.forUserAgent("MSIE 5.5")).containsExactly(ClientQuirk.NOKEEPALIVE);
        assertThat(quirks.forUserAgent("MSIE 11.0")).isEmpty();
        assertThat(quirks.rules()).singleElement().hasToString("BrowserMatch \"MSIE [2-5]\\.\" nokeepalive");
    }
}

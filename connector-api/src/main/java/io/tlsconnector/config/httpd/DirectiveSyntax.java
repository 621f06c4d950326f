package io.tlsconnector.config.httpd;

import java.util.Locale;
import java.util.Map;

/** How each directive is written, as the fix in an error message. */
final class DirectiveSyntax {
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("sslengine", "SSLEngine on"),
            Map.entry("sslcertificatefile", "SSLCertificateFile /etc/ssl/certs/server.crt"),
            Map.entry("sslcertificatekeyfile", "SSLCertificateKeyFile /etc/ssl/private/server.key"),
            Map.entry("sslcertificatechainfile", "SSLCertificateChainFile /etc/ssl/certs/chain.pem"),
            Map.entry("sslcacertificatefile", "SSLCACertificateFile /etc/ssl/certs/clients-ca.pem"),
            Map.entry("sslverifyclient", "SSLVerifyClient none|optional|require|optional_no_ca"),
            Map.entry("sslverifydepth", "SSLVerifyDepth 3"),
            Map.entry("sslcadnrequestfile", "SSLCADNRequestFile /etc/ssl/certs/requested-cas.pem"),
            Map.entry("sslcadnrequestpath", "SSLCADNRequestPath /etc/ssl/requested-cas/"),
            Map.entry("browsermatch", "BrowserMatch \"MSIE [2-5]\" nokeepalive ssl-unclean-shutdown downgrade-1.0"),
            Map.entry("browsermatchnocase", "BrowserMatchNoCase \"msie [2-5]\" nokeepalive ssl-unclean-shutdown downgrade-1.0"),
            Map.entry("setenvif", "SetEnvIf User-Agent \"MSIE [2-5]\" nokeepalive ssl-unclean-shutdown downgrade-1.0"),
            Map.entry("setenvifnocase", "SetEnvIfNoCase User-Agent \"msie [2-5]\" nokeepalive ssl-unclean-shutdown downgrade-1.0"),
            Map.entry("ssloptions", "SSLOptions +StdEnvVars +ExportCertData -LegacyDNStringFormat"),
            Map.entry("sslprotocol", "SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1"),
            Map.entry("sslciphersuite", "SSLCipherSuite HIGH:!aNULL:!MD5 or SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384"),
            Map.entry("sslhonorcipherorder", "SSLHonorCipherOrder on"),
            Map.entry("sslcompression", "SSLCompression off"),
            Map.entry("sslsessiontickets", "SSLSessionTickets on"),
            Map.entry("sslusestapling", "SSLUseStapling on"),
            Map.entry("sslsrpverifierfile", "SSLSRPVerifierFile /etc/apache2/passwd.srpv"),
            Map.entry("sslsrpunknownuserseed", "SSLSRPUnknownUserSeed some-long-random-secret"),
            Map.entry("sslstaplingforceurl", "SSLStaplingForceURL http://ocsp.example.com/"),
            Map.entry("sslstaplingrespondertimeout", "SSLStaplingResponderTimeout 5"),
            Map.entry("sslopensslconfcmd", "SSLOpenSSLConfCmd Protocol -ALL,TLSv1.2,TLSv1.3"),
            Map.entry("sslopensslconfcmd groups", "SSLOpenSSLConfCmd Groups X25519MLKEM768:X25519:P-256"),
            Map.entry("sslopensslconfcmd curves", "SSLOpenSSLConfCmd Curves X25519MLKEM768:X25519:P-256"),
            Map.entry("sslopensslconfcmd signaturealgorithms", "SSLOpenSSLConfCmd SignatureAlgorithms ECDSA+SHA256:RSA-PSS+SHA256:RSA+SHA256"),
            Map.entry("sslusername", "SSLUserName SSL_CLIENT_S_DN_CN"),
            Map.entry("sslocspenable", "SSLOCSPEnable leaf (or on, off; optionally followed by no_ocsp_for_cert_ok)"),
            Map.entry("sslocspdefaultresponder", "SSLOCSPDefaultResponder http://ocsp.example.com/"),
            Map.entry("sslocspoverrideresponder", "SSLOCSPOverrideResponder on"),
            Map.entry("sslocsprespondertimeout", "SSLOCSPResponderTimeout 10"),
            Map.entry("sslcarevocationcheck", "SSLCARevocationCheck chain"),
            Map.entry("sslpassphrasedialog", "SSLPassPhraseDialog exec:/usr/local/sbin/pass-phrase"),
            Map.entry("sslrandomseed", "SSLRandomSeed startup file:/dev/urandom 512"),
            Map.entry("sslsessioncache", "SSLSessionCache shmcb:/var/run/ssl_scache(512000)"),
            Map.entry("sslsessioncachetimeout", "SSLSessionCacheTimeout 300"),
            Map.entry("sslstrictsnivhostcheck", "SSLStrictSNIVHostCheck on"),
            Map.entry("listen", "Listen 443 or Listen 192.0.2.1:443"));

    private DirectiveSyntax() {
    }

    /** "write e.g. ..." for {@code d}, with an example of its SSLOpenSSLConfCmd command when there is one. */
    static String fix(ConfNode.Directive d) {
        if (!d.args().isEmpty()) {
            String example = EXAMPLES.get((d.name() + " " + d.args().get(0)).toLowerCase(Locale.ROOT));
            if (example != null) {
                return "write it as mod_ssl does, e.g. " + example + ".";
            }
        }
        return fix(d.name());
    }

    /** "write e.g. ..." for {@code directive}. */
    static String fix(String directive) {
        String example = EXAMPLES.get(directive.toLowerCase(Locale.ROOT));
        return example == null ? "correct the arguments of " + directive + " (see the mod_ssl documentation)."
                : "write it as mod_ssl does, e.g. " + example + ".";
    }
}

package io.tlsconnector.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * mod_ssl's {@code SSLOptions} that decide which {@code SSL_*} variables a virtual host exports to
 * servlets as request attributes (F10). The whole set stays reachable through
 * {@code io.tlsconnector.vars.SslVariables#ATTRIBUTE} whatever the options.
 */
public enum SslOption {
    /**
     * {@code +StdEnvVars}: every standard {@code SSL_*} variable (protocol, cipher, session, both
     * certificates' DNs, components, SANs, dates, verify result) becomes a request attribute of that
     * exact name. Without it only {@code HTTPS} and {@code SSL_TLS_SNI} are set, as in mod_ssl.
     */
    STD_ENV_VARS,
    /**
     * {@code +ExportCertData}: adds the PEM certificates {@code SSL_SERVER_CERT}, {@code SSL_CLIENT_CERT}
     * (empty when the client sent none) and {@code SSL_CLIENT_CERT_CHAIN_n}.
     */
    EXPORT_CERT_DATA,
    /**
     * {@code +LegacyDNStringFormat}: {@code SSL_*_S_DN} and {@code SSL_*_I_DN} in OpenSSL's old
     * {@code /C=DE/O=Example/CN=name} form instead of RFC 2253 ({@code CN=name,O=Example,C=DE}).
     */
    LEGACY_DN_STRING_FORMAT,
    /**
     * {@code +FakeBasicAuth} (F33): a request over a connection whose client certificate verified carries
     * {@code Authorization: Basic base64("<oneline subject DN>:password")}, so the container's Basic
     * authentication against a realm listing the DNs (password {@code password}) makes the DN the remote
     * user and security constraints apply to certificates. A request that sends such a header itself
     * (user starting with {@code /}, password {@code password}) is refused with 403.
     */
    FAKE_BASIC_AUTH,
    /**
     * {@code +StrictRequire}: an {@link io.tlsconnector.http.SslRequireFilter} denial is final; without it a
     * filter made with {@code satisfyAny} (httpd's {@code Satisfy Any}) lets a denied request through when the
     * container has already authenticated its user.
     */
    STRICT_REQUIRE;

    /** The option's name in an httpd configuration, e.g. {@code StdEnvVars}. */
    public String directiveName() {
        return switch (this) {
            case STD_ENV_VARS -> "StdEnvVars";
            case EXPORT_CERT_DATA -> "ExportCertData";
            case LEGACY_DN_STRING_FORMAT -> "LegacyDNStringFormat";
            case FAKE_BASIC_AUTH -> "FakeBasicAuth";
            case STRICT_REQUIRE -> "StrictRequire";
        };
    }

    /**
     * Reads the arguments of an {@code SSLOptions} line, e.g. {@code "+StdEnvVars +ExportCertData"};
     * names are matched without regard to case, a {@code -} word leaves the option out.
     *
     * @throws IllegalArgumentException naming an option this library does not implement
     */
    public static Set<SslOption> parse(String sslOptions) {
        Set<SslOption> options = EnumSet.noneOf(SslOption.class);
        for (String word : sslOptions.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean remove = word.startsWith("-");
            String name = word.startsWith("+") || remove ? word.substring(1) : word;
            SslOption option = null;
            for (SslOption candidate : values()) {
                if (candidate.directiveName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    option = candidate;
                }
            }
            if (option == null) {
                throw new IllegalArgumentException("SSLOptions '" + name + "' is not supported; supported are "
                        + "StdEnvVars, ExportCertData, LegacyDNStringFormat, FakeBasicAuth and StrictRequire");
            }
            if (remove) {
                options.remove(option);
            } else {
                options.add(option);
            }
        }
        return options;
    }
}

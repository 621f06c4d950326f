package io.tlsconnector.config;

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
    LEGACY_DN_STRING_FORMAT
}

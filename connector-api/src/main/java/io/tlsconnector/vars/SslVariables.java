package io.tlsconnector.vars;

import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.config.Engine;
import io.tlsconnector.config.SslOption;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.ClientHello;
import io.tlsconnector.internal.engine.LoadedHost;

/**
 * mod_ssl's {@code SSL_*} variables of one TLS session, with mod_ssl's names and value formats
 * (ssl_engine_vars.c; F10). Computed once, immutable; adapters compute it once per TLS session and
 * cache it on the connection, never on the {@link SSLSession} (a value bound to a JSSE session stops
 * stateless session tickets).
 *
 * <p>Servlets find this object in the request attribute {@value #ATTRIBUTE}, whatever the virtual
 * host's {@link SslOption}s; the options only decide which variables also become request attributes
 * of their own name ({@link #exported()}).
 */
public final class SslVariables {
    /** The request attribute holding the {@code SslVariables} of the request's TLS session. */
    public static final String ATTRIBUTE = TlsRequestAttributes.SSL_VARIABLES;

    private static final Logger log = LoggerFactory.getLogger(SslVariables.class);
    /** mod_ssl reports {@code mod_ssl/<httpd version>}; this library reports itself the same way. */
    private static final String INTERFACE = "tls-connector/" + Optional.ofNullable(
            SslVariables.class.getPackage().getImplementationVersion()).orElse("unknown");
    /** The ClientHello's {@code session_ticket} extension (RFC 5077). */
    private static final int EXTENSION_SESSION_TICKET = 35;
    private static final Pattern INDEXED_ZERO = Pattern.compile("(SSL_(?:CLIENT|SERVER)_[SI]_DN_\\w+?)_0");

    private final Map<String, String> always = new LinkedHashMap<>();
    private final Map<String, String> standard = new LinkedHashMap<>();
    private final Map<String, String> certificateData = new LinkedHashMap<>();
    private final Map<String, String> lookupOnly = new LinkedHashMap<>();
    private final Set<SslOption> options;
    private final Instant computedAt;
    private Map<String, String> exported;
    private Map<String, String> all;
    private String clientOnelineDn;
    private X509Certificate clientCertificate;

    private SslVariables(Set<SslOption> options, Instant computedAt) {
        this.options = options;
        this.computedAt = computedAt;
    }

    /**
     * Computes every variable of a finished handshake.
     *
     * @param session the TLS session of the connection
     * @param host    the virtual host that served it (its options, client-auth mode and CAs)
     * @param hello   the client's ClientHello (SNI, secure-renegotiation signal), or {@code null} if unknown
     * @param resumed whether this connection resumed an earlier session
     */
    public static SslVariables of(SSLSession session, LoadedHost host, ClientHello hello, boolean resumed) {
        return of(session, host, hello, resumed, null, Instant.now());
    }

    /**
     * As {@link #of(SSLSession, LoadedHost, ClientHello, boolean)}, with the session id (hex) to report
     * when the session shows none (a BoringSSL TLS 1.3 session, {@link ConnectionRecord}).
     */
    public static SslVariables of(SSLSession session, LoadedHost host, ClientHello hello, boolean resumed, String engineSessionId) {
        return of(session, host, hello, resumed, engineSessionId, Instant.now());
    }

    static SslVariables of(SSLSession session, LoadedHost host, ClientHello hello, boolean resumed, Instant now) {
        return of(session, host, hello, resumed, null, now);
    }

    private static SslVariables of(SSLSession session, LoadedHost host, ClientHello hello, boolean resumed,
                                   String engineSessionId, Instant now) {
        return of(session, host, hello, resumed, engineSessionId, now, host.virtualHost().options());
    }

    /**
     * As {@link #of(SSLSession, LoadedHost, ClientHello, boolean, String)}, with the SslOptions in force for
     * one request path (a {@link io.tlsconnector.config.PathRule} changed the host's).
     */
    public static SslVariables of(SSLSession session, LoadedHost host, ClientHello hello, boolean resumed, String engineSessionId,
                                  Set<SslOption> options) {
        return of(session, host, hello, resumed, engineSessionId, Instant.now(), options);
    }

    private static SslVariables of(SSLSession session, LoadedHost host, ClientHello hello, boolean resumed,
                                   String engineSessionId, Instant now, Set<SslOption> options) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(host, "host");
        VirtualHost vhost = host.virtualHost();
        SslVariables v = new SslVariables(Set.copyOf(options), now);
        boolean legacy = options.contains(SslOption.LEGACY_DN_STRING_FORMAT);

        v.always.putAll(alwaysExported(session, hello));

        X509Certificate server = first(session.getLocalCertificates());
        // A host that never asks for a client certificate has none to read, and asking the engine costs an exception.
        List<X509Certificate> peer = host.asksForClientCertificates() ? peerCertificates(session) : List.of();
        ServerCertificateVariables serverVars = server == null ? null : ServerCertificateVariables.of(server);
        CertificateVariables clientVars = peer.isEmpty() ? null : new CertificateVariables(peer.get(0));

        Map<String, String> s = v.standard;
        if (serverVars != null) {
            s.putAll(serverVars.dnComponents());
        }
        if (clientVars != null) {
            clientVars.dnComponents("SSL_CLIENT_", s);
        }
        if (serverVars != null) {
            s.putAll(serverVars.subjectAltNames());
        }
        if (clientVars != null) {
            clientVars.subjectAltNames("SSL_CLIENT_", true, s);
        }
        OpenSslCipherNames.Cipher cipher = OpenSslCipherNames.of(session.getCipherSuite());
        Provider provider = host.sslContext().getProvider();
        s.put("SSL_VERSION_INTERFACE", INTERFACE);
        s.put("SSL_VERSION_LIBRARY", host.library());
        s.put("SSL_PROTOCOL", session.getProtocol());
        s.put("SSL_SECURE_RENEG", Boolean.toString(secureRenegotiation(session, hello)));
        // TLS compression is never offered (CRIME), F32.
        s.put("SSL_COMPRESS_METHOD", "NULL");
        s.put("SSL_CIPHER", cipher.openSslName());
        s.put("SSL_CIPHER_EXPORT", Boolean.toString(cipher.useKeySize() < 56));
        s.put("SSL_CIPHER_USEKEYSIZE", Integer.toString(cipher.useKeySize()));
        s.put("SSL_CIPHER_ALGKEYSIZE", Integer.toString(cipher.algKeySize()));
        s.put("SSL_CLIENT_VERIFY", host.clientVerifier().sslClientVerify(peer, session.getProtocol(), now));
        if (clientVars != null) {
            clientVars.certificateFields("SSL_CLIENT_", legacy, s);
            v.clientOnelineDn = clientVars.subjectDn(true);
            v.clientCertificate = peer.get(0);
            s.put("SSL_CLIENT_V_REMAIN", clientVars.daysRemaining(now));
            s.put("SSL_CLIENT_CERT_RFC4523_CEA", clientVars.rfc4523Cea());
        }
        if (serverVars != null) {
            s.putAll(serverVars.certificateFields(legacy));
            v.lookupOnly.put("SSL_SERVER_V_REMAIN", serverVars.daysRemaining(now));
        }
        if (!issuesTls12Ticket(session, host, provider, hello, resumed)) {
            String id = HexFormat.of().formatHex(session.getId() == null ? new byte[0] : session.getId());
            CertificateVariables.putIfNotEmpty(s, "SSL_SESSION_ID", id.isEmpty() && engineSessionId != null ? engineSessionId : id);
        }
        s.put("SSL_SESSION_RESUMED", resumed ? "Resumed" : "Initial");
        // mod_ssl built with SRP (F35): the login name and the verifier file's -userinfo; unset without SRP.
        CertificateVariables.putIfNotEmpty(s, "SSL_SRP_USER", LoadedHost.srpUser(session).orElse(null));
        CertificateVariables.putIfNotEmpty(s, "SSL_SRP_USERINFO", LoadedHost.srpUserInfo(session).orElse(null));

        v.certificateData.put("SSL_SERVER_CERT", serverVars == null ? "" : serverVars.pem());
        v.certificateData.put("SSL_CLIENT_CERT", clientVars == null ? "" : clientVars.pem());
        if (!resumed) {
            // As mod_ssl: the chain as the client sent it, after its own certificate; not kept on resumption.
            for (int i = 1; i < peer.size(); i++) {
                v.certificateData.put("SSL_CLIENT_CERT_CHAIN_" + (i - 1), CertificateVariables.pem(peer.get(i)));
            }
        }
        v.exported = v.exported(v.options);
        v.all = v.collectAll();
        if (log.isDebugEnabled()) {
            log.debug("Computed {} SSL variables for virtual host '{}' ({}, {}, session {}, {})", v.all.size(),
                    vhost.serverName(), session.getProtocol(), cipher.openSslName(), abbreviated(session.getId()),
                    resumed ? "resumed" : "initial");
        }
        return v;
    }

    /**
     * RFC 5746 support as OpenSSL reports it: always for TLS 1.3, otherwise when the client signalled it
     * (JSSE itself always supports it).
     */
    private static boolean secureRenegotiation(SSLSession session, ClientHello hello) {
        return "TLSv1.3".equals(session.getProtocol()) || (hello != null && hello.offersSecureRenegotiation());
    }

    /**
     * True for a full TLS 1.2 handshake in which SunJSSE answers the client's session_ticket extension
     * with a ticket. OpenSSL gives such a session an empty id, so mod_ssl sets no SSL_SESSION_ID
     * (golden capture 03, s_client); the same connection here reports none either.
     */
    private static boolean issuesTls12Ticket(SSLSession session, LoadedHost host, Provider provider, ClientHello hello,
                                             boolean resumed) {
        return !resumed && "TLSv1.2".equals(session.getProtocol()) && host.engine() == Engine.JSSE
                && "SunJSSE".equals(provider.getName())
                && hello != null && hello.extensionTypes().contains(EXTENSION_SESSION_TICKET)
                && Boolean.parseBoolean(System.getProperty("jdk.tls.server.enableSessionTicketExtension", "true"));
    }

    private static X509Certificate first(Certificate[] certificates) {
        return certificates != null && certificates.length > 0 && certificates[0] instanceof X509Certificate x509 ? x509 : null;
    }

    private static List<X509Certificate> peerCertificates(SSLSession session) {
        try {
            Certificate[] certificates = session.getPeerCertificates();
            return certificates == null ? List.of()
                    : Arrays.stream(certificates).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /**
     * What the virtual host's options export as request attributes: {@code HTTPS} and
     * {@code SSL_TLS_SNI} always, the standard set with {@link SslOption#STD_ENV_VARS}, the PEM
     * certificates with {@link SslOption#EXPORT_CERT_DATA}.
     */
    public Map<String, String> exported() {
        return exported;
    }

    /**
     * The variables exported whatever the SslOptions ({@code HTTPS}, {@code SSL_TLS_SNI}): cheap to give without
     * computing the others.
     */
    static Map<String, String> alwaysExported(SSLSession session, ClientHello hello) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("HTTPS", "on");
        CertificateVariables.putIfNotEmpty(out, "SSL_TLS_SNI",
                hello != null ? hello.serverName() : TlsRequestAttributes.requestedServerName(session));
        return out;
    }

    /** True when {@code options} export more than {@link #alwaysExported}: the whole set must then be computed. */
    static boolean exportsBeyondAlways(Set<SslOption> options) {
        return options.contains(SslOption.STD_ENV_VARS) || options.contains(SslOption.EXPORT_CERT_DATA);
    }

    /** What the given options would export, as {@link #exported()}. */
    public Map<String, String> exported(Set<SslOption> with) {
        Map<String, String> out = new LinkedHashMap<>(always);
        if (with.contains(SslOption.STD_ENV_VARS)) {
            out.putAll(standard);
        }
        if (with.contains(SslOption.EXPORT_CERT_DATA)) {
            out.putAll(certificateData);
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Every variable, whatever the options: the exported ones plus lookup-only ones such as
     * {@code SSL_SERVER_V_REMAIN}.
     */
    public Map<String, String> all() {
        return all;
    }

    private Map<String, String> collectAll() {
        Map<String, String> out = new LinkedHashMap<>(always);
        out.putAll(standard);
        out.putAll(certificateData);
        out.putAll(lookupOnly);
        return Collections.unmodifiableMap(out);
    }

    /**
     * One variable by its mod_ssl name, e.g. {@code SSL_CLIENT_S_DN_CN} or {@code SSL_SERVER_V_REMAIN};
     * as in mod_ssl's lookups, {@code _0} names the first of a repeated DN component
     * ({@code SSL_CLIENT_S_DN_OU_0} is {@code SSL_CLIENT_S_DN_OU}). Empty when it is not set.
     */
    public Optional<String> get(String name) {
        String value = all.get(name);
        if (value == null) {
            Matcher zero = INDEXED_ZERO.matcher(name);
            if (zero.matches()) {
                value = all.get(zero.group(1));
            }
        }
        return Optional.ofNullable(value);
    }

    private static String abbreviated(byte[] id) {
        if (id == null || id.length == 0) {
            return "(none)";
        }
        return HexFormat.of().formatHex(id, 0, Math.min(4, id.length)) + "…";
    }

    /** When the variables were computed (the moment {@code V_REMAIN} counts from). */
    /** Whether the virtual host that computed these variables has {@code option} (mod_ssl SSLOptions). */
    public boolean hasOption(SslOption option) {
        return options.contains(option);
    }

    /**
     * The client certificate's subject in OpenSSL's one-line form ({@code /C=DE/O=Example/CN=Jane}), which
     * mod_ssl's FakeBasicAuth uses as the user name whatever the DN options; present only when the client
     * sent a certificate and {@code SSL_CLIENT_VERIFY} is {@code SUCCESS}.
     */
    public Optional<String> verifiedClientOnelineDn() {
        return "SUCCESS".equals(standard.get("SSL_CLIENT_VERIFY")) ? Optional.ofNullable(clientOnelineDn) : Optional.empty();
    }

    /**
     * The certificate the client sent (whatever {@code SSL_CLIENT_VERIFY} says), as mod_ssl's
     * {@code PeerExtList(...)} reads it; empty when the client sent none.
     */
    public Optional<X509Certificate> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    public Instant computedAt() {
        return computedAt;
    }

    @Override
    public String toString() {
        return "SslVariables[" + standard.getOrDefault("SSL_PROTOCOL", "?") + ", "
                + standard.getOrDefault("SSL_CIPHER", "?") + ", " + all.size() + " variables]";
    }
}

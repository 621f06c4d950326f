package io.tlsconnector.bench;

import java.util.Arrays;
import java.util.List;

/** The servers the harness compares, in table order. */
public enum ServerKind {
    OURS_JETTY("ours-jetty", "our Jetty adapter, default configuration (BoringSSL engine)"),
    OURS_TOMCAT("ours-tomcat", "our Tomcat adapter, default configuration (BoringSSL engine)"),
    OURS_JETTY_100("ours-jetty-100", "our Jetty adapter, 100 SNI virtual hosts with SSL_* export (StdEnvVars, ExportCertData)"),
    OURS_TOMCAT_100("ours-tomcat-100", "our Tomcat adapter, 100 SNI virtual hosts with SSL_* export (StdEnvVars, ExportCertData)"),
    OURS_JETTY_JSSE("ours-jetty-jsse", "our Jetty adapter, engine(Engine.JSSE)"),
    OURS_TOMCAT_JSSE("ours-tomcat-jsse", "our Tomcat adapter, engine(Engine.JSSE)"),
    JETTY("jetty", "stock Jetty 12 (SslContextFactory, JSSE)"),
    JETTY_CONSCRYPT("jetty-conscrypt", "stock Jetty 12 + Conscrypt 2.5.2"),
    TOMCAT("tomcat", "stock Tomcat 11 (JSSE)"),
    NGINX("nginx", "nginx (1 worker, session cache + tickets)");

    private final String id;
    private final String description;

    ServerKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public boolean isJava() {
        return this != NGINX;
    }

    /** Our adapters with {@code TlsConfig.builder().engine(Engine.JSSE)}; the other two of ours take the defaults. */
    public boolean choosesJsse() {
        return this == OURS_JETTY_JSSE || this == OURS_TOMCAT_JSSE;
    }

    /** The rows with 100 SNI virtual hosts ({@code host0.bench} … {@code host99.bench}) and SSL_* export on. */
    public boolean hundredHosts() {
        return this == OURS_JETTY_100 || this == OURS_TOMCAT_100;
    }

    /** True when the server negotiates HTTP/2 by ALPN (stock Jetty with Conscrypt would need Jetty's Conscrypt ALPN module). */
    public boolean speaksHttp2() {
        return this != JETTY_CONSCRYPT;
    }

    /** The SNI names the latency probe and the keep-alive steps send: one of 100 hosts, or {@code localhost}. */
    public java.util.List<String> sniNames() {
        return hundredHosts() ? java.util.stream.IntStream.range(0, 100).mapToObj(i -> "host" + i + ".bench").toList()
                : java.util.List.of("localhost");
    }

    public static ServerKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown server '" + id + "'; known: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ServerKind::id).toList();
    }
}

package io.tlsconnector.bench;

import java.util.Arrays;
import java.util.List;

/** The servers the harness compares, in table order. */
public enum ServerKind {
    OURS_JETTY("ours-jetty", "our Jetty adapter, default configuration (BoringSSL engine)"),
    OURS_TOMCAT("ours-tomcat", "our Tomcat adapter, default configuration (BoringSSL engine)"),
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

    public static ServerKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown server '" + id + "'; known: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ServerKind::id).toList();
    }
}

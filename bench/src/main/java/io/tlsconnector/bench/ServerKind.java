package io.tlsconnector.bench;

import java.util.Arrays;
import java.util.List;

/** The servers the harness compares, in table order. */
public enum ServerKind {
    OURS_JETTY("ours-jetty", "our Jetty adapter (JSSE)"),
    OURS_TOMCAT("ours-tomcat", "our Tomcat adapter (JSSE)"),
    OURS_JETTY_BORINGSSL("ours-jetty-boringssl", "our Jetty adapter (BoringSSL engine, ticket-key file)"),
    OURS_TOMCAT_BORINGSSL("ours-tomcat-boringssl", "our Tomcat adapter (BoringSSL engine, ticket-key file)"),
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

    public static ServerKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown server '" + id + "'; known: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ServerKind::id).toList();
    }
}

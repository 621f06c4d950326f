package io.tlsconnector.spi;

import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.session.SessionCacheStats;

/**
 * A virtual host as a runtime currently serves it (its latest reload), for containers that keep a per-host
 * object of their own (Tomcat's SSLHostConfig) or report hosts (health checks). Look it up again each time
 * rather than keeping it: a reload replaces it.
 */
public final class HostView {
    private final LoadedHost host;
    private final boolean isDefault;

    private HostView(LoadedHost host, boolean isDefault) {
        this.host = host;
        this.isDefault = isDefault;
    }

    /** Every virtual host, in configuration order. */
    public static List<HostView> all(TlsRuntime runtime) {
        LoadedHost defaultHost = runtime.defaultHost();
        return runtime.hosts().stream().map(host -> new HostView(host, host == defaultHost)).toList();
    }

    /** The host serving {@code name} (exact name or alias, then wildcard, else the default host). */
    public static HostView current(TlsRuntime runtime, String name) {
        LoadedHost host = runtime.hostFor(name);
        return new HostView(host, host == runtime.defaultHost());
    }

    /** The host for clients without SNI or with a name no host answers to. */
    public static HostView defaultHost(TlsRuntime runtime) {
        return new HostView(runtime.defaultHost(), true);
    }

    public String serverName() {
        return host.serverName();
    }

    public VirtualHost virtualHost() {
        return host.virtualHost();
    }

    /** True for the default host. */
    public boolean isDefault() {
        return isDefault;
    }

    /** The host's context (its session context, socket factory and supported parameters). */
    public SSLContext sslContext() {
        return host.sslContext();
    }

    /** A server-mode engine with the host's settings; ALPN left to the container. */
    public SSLEngine newEngine() {
        return host.newEngine(null, -1);
    }

    public List<X509Certificate> leafCertificates() {
        return host.leafCertificates();
    }

    public List<String> enabledProtocols() {
        return host.enabledProtocols();
    }

    public List<String> enabledCipherSuites() {
        return host.enabledCipherSuites();
    }

    /** The engine's name as logs and health checks show it, e.g. {@code BoringSSL}. */
    public String engineName() {
        return host.engineName();
    }

    /** The TLS library and its version. */
    public String library() {
        return host.library();
    }

    /** True when the host's engine works on native memory (BoringSSL) and should be handed direct buffers. */
    public boolean prefersDirectBuffers() {
        return host.prefersDirectBuffers();
    }

    /** The host's engine session cache and the handshakes it served since it was loaded. */
    public SessionCacheStats sessionCache() {
        return host.sessionCache();
    }

    @Override
    public String toString() {
        return "HostView[" + host.serverName() + "]";
    }
}

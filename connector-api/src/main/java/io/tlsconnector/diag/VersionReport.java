package io.tlsconnector.diag;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.security.Provider;
import java.security.Security;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import io.tlsconnector.internal.engine.TcnativeVersion;

/**
 * What a bug report needs (F38): library, JDK, security providers (with Conscrypt's version when it
 * is on the class path) and container versions. Containers and Conscrypt are found by reflection,
 * so the report works with whatever the application ships.
 */
public final class VersionReport {
    private VersionReport() {
    }

    /** The library's own version, from the build. */
    public static String libraryVersion() {
        try (InputStream in = VersionReport.class.getResourceAsStream("/io/tlsconnector/version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isEmpty() && !version.startsWith("$")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown (not built by Maven)";
    }

    /** Label → version, in report order. */
    public static Map<String, String> collect() {
        Map<String, String> report = new LinkedHashMap<>();
        report.put("tls-connector", libraryVersion());
        report.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ")");
        report.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            report.put("TLS provider", tls.getProvider().getName() + " " + tls.getProvider().getVersionStr());
        } catch (Exception e) {
            report.put("TLS provider", "none (" + e.getMessage() + ")");
        }
        StringBuilder providers = new StringBuilder();
        for (Provider provider : Security.getProviders()) {
            providers.append(providers.length() == 0 ? "" : ", ").append(provider.getName()).append(' ').append(provider.getVersionStr());
        }
        report.put("Security providers", providers.toString());
        report.put("Bouncy Castle", new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr() + " (used as a library)");
        report.put("Conscrypt", call("org.conscrypt.Conscrypt", "version", "not on the class path"));
        report.put("BoringSSL engine", nativeEngine());
        report.put("Jetty", field("org.eclipse.jetty.util.Jetty", "VERSION", "not on the class path"));
        report.put("Tomcat", call("org.apache.catalina.util.ServerInfo", "getServerNumber", "not on the class path"));
        return report;
    }

    /** The report as {@code label: value} lines. */
    public static String text() {
        StringBuilder text = new StringBuilder();
        collect().forEach((label, value) -> text.append(String.format("%-19s%s%n", label + ":", value)));
        return text.toString();
    }

    private static String call(String className, String method, String absent) {
        try {
            Method m = Class.forName(className).getMethod(method);
            Object value = m.invoke(null);
            if (value != null && value.getClass().getName().equals("org.conscrypt.Conscrypt$Version")) {
                Class<?> v = value.getClass();
                return v.getMethod("major").invoke(value) + "." + v.getMethod("minor").invoke(value) + "."
                        + v.getMethod("patch").invoke(value) + " (BoringSSL native library "
                        + (Boolean.TRUE.equals(Class.forName(className).getMethod("isAvailable").invoke(null)) ? "loaded" : "NOT loaded") + ")";
            }
            return String.valueOf(value);
        } catch (ClassNotFoundException | LinkageError e) {
            return absent;
        } catch (ReflectiveOperationException e) {
            return "present, version unknown (" + e + ")";
        }
    }

    /**
     * netty-tcnative's BoringSSL, the native engine: its OpenSSL version string and the tcnative
     * artifact's version when it loads, else why not. Netty is optional, so only by reflection.
     */
    static String nativeEngine() {
        try {
            Class<?> openSsl = Class.forName("io.netty.handler.ssl.OpenSsl");
            if (!Boolean.TRUE.equals(openSsl.getMethod("isAvailable").invoke(null))) {
                Object cause = openSsl.getMethod("unavailabilityCause").invoke(null);
                return "NOT loaded (" + (cause instanceof Throwable t ? t.getClass().getSimpleName() + ": " + t.getMessage() : "unknown reason")
                        + ")";
            }
            return openSsl.getMethod("versionString").invoke(null) + " (netty-tcnative " + TcnativeVersion.of() + ", loaded)";
        } catch (ClassNotFoundException | LinkageError e) {
            return "not on the class path (io.netty:netty-handler, io.netty:netty-tcnative-boringssl-static)";
        } catch (ReflectiveOperationException e) {
            return "present, version unknown (" + e + ")";
        }
    }

    private static String field(String className, String name, String absent) {
        try {
            return String.valueOf(Class.forName(className).getField(name).get(null));
        } catch (ClassNotFoundException | LinkageError e) {
            return absent;
        } catch (ReflectiveOperationException e) {
            return "present, version unknown (" + e + ")";
        }
    }
}

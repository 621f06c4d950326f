package io.tlsconnector.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of netty-tcnative on the class path, read without linking any Netty class: the version
 * report asks it on machines where the native engine is missing.
 */
public final class TcnativeVersion {
    private TcnativeVersion() {
    }

    /**
     * From the Maven metadata netty-tcnative's jar carries (kept in shaded jars too, unlike the manifest;
     * Netty's own version file does not list tcnative).
     */
    public static String of() throws ClassNotFoundException {
        ClassLoader loader = Class.forName("io.netty.internal.tcnative.SSL").getClassLoader();
        for (String artifact : new String[] {"netty-tcnative-boringssl-static", "netty-tcnative-classes"}) {
            try (InputStream in = loader.getResourceAsStream("META-INF/maven/io.netty/" + artifact + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    String version = properties.getProperty("version");
                    if (version != null) {
                        return version;
                    }
                }
            } catch (IOException e) {
                // try the next
            }
        }
        return "version unknown";
    }
}

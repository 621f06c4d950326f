package io.tlsconnector.spi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.TlsConfig;
import io.tlsconnector.config.httpd.HttpdConf;

/**
 * Where a deployed server (standalone Jetty's {@code start.d/tls-connector.ini}, Tomcat's {@code server.xml},
 * Spring Boot's {@code application.properties}) takes its {@link TlsConfig} from: an httpd mod_ssl configuration
 * ({@link HttpdConf#read(Path)}) or the name of a class implementing {@code Supplier<TlsConfig>} (F5, F9).
 * The adapters hand the two settings over as the operator wrote them, with the names the operator knows them by,
 * so every error names the setting, the file it is written in, and the fix.
 *
 * @param httpdConfSetting the setting naming the httpd configuration, e.g. {@code tls-connector.httpd-conf}
 * @param supplierSetting  the setting naming the supplier class, e.g. {@code tls-connector.config-supplier}
 * @param where            where both are written, e.g. {@code start.d/tls-connector.ini}
 */
public record TlsConfigSource(String httpdConfSetting, String supplierSetting, String where) {
    public TlsConfigSource {
        Objects.requireNonNull(httpdConfSetting, "httpdConfSetting");
        Objects.requireNonNull(supplierSetting, "supplierSetting");
        Objects.requireNonNull(where, "where");
    }

    /**
     * The configuration exactly one of {@code httpdConf} and {@code supplierClass} names (blank counts as unset).
     *
     * @param loader the class loader that sees the supplier class
     * @throws TlsConfigException naming the setting and the fix when neither or both are set, the file cannot be
     *                            read, or the class is missing, of the wrong type or fails
     */
    public TlsConfig resolve(String httpdConf, String supplierClass, ClassLoader loader) {
        return resolve(httpdConf, supplierClass, loader, null);
    }

    /**
     * As {@link #resolve(String, String, ClassLoader)}, a relative {@code httpdConf} taken from {@code baseDir}
     * (the server's base: {@code $JETTY_BASE}, {@code $CATALINA_BASE}); {@code null}: the working directory.
     */
    public TlsConfig resolve(String httpdConf, String supplierClass, ClassLoader loader, Path baseDir) {
        boolean hasConf = httpdConf != null && !httpdConf.isBlank();
        boolean hasSupplier = supplierClass != null && !supplierClass.isBlank();
        if (hasConf && hasSupplier) {
            throw problem(httpdConfSetting + ", " + supplierSetting,
                    "both are set (" + httpdConf.strip() + ", " + supplierClass.strip() + "); only one can describe the TLS configuration.",
                    "remove one of the two from " + where + ".");
        }
        if (!hasConf && !hasSupplier) {
            throw problem(httpdConfSetting + ", " + supplierSetting, "neither is set, so the connector has no TLS configuration.",
                    "set " + httpdConfSetting + "=/etc/tls/ssl.conf (an httpd mod_ssl configuration) or " + supplierSetting
                            + "=com.example.MyTlsConfig (a class implementing java.util.function.Supplier<io.tlsconnector.config.TlsConfig>"
                            + " with a public no-argument constructor) in " + where + ".");
        }
        if (!hasConf) {
            return fromSupplier(supplierClass.strip(), loader);
        }
        Path file = Path.of(httpdConf.strip());
        return fromHttpdConf(baseDir == null || file.isAbsolute() ? file : baseDir.resolve(file));
    }

    private TlsConfig fromHttpdConf(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw problem(httpdConfSetting + "=" + file,
                    Files.exists(file) ? "the file cannot be read by this process." : "the file does not exist.",
                    "point " + httpdConfSetting + " in " + where + " at a readable httpd mod_ssl configuration (a relative"
                            + " path is taken from " + file.toAbsolutePath().getParent() + ").");
        }
        return HttpdConf.read(file.toAbsolutePath()).tlsConfig();
    }

    private TlsConfig fromSupplier(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw problem(supplierSetting + "=" + className, "the class cannot be loaded (" + e + ").",
                    "put the class on the server's class path, or correct the name in " + where + ".", e);
        }
        if (!Supplier.class.isAssignableFrom(type)) {
            throw problem(supplierSetting + "=" + className, "the class does not implement java.util.function.Supplier.",
                    "implement java.util.function.Supplier<io.tlsconnector.config.TlsConfig>.");
        }
        Object supplied;
        try {
            supplied = ((Supplier<?>) type.getConstructor().newInstance()).get();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw problem(supplierSetting + "=" + className, "the class cannot be instantiated (" + e + ").",
                    "give it a public no-argument constructor (and make it a public, non-abstract, top-level or static nested class).", e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw problem(supplierSetting + "=" + className, "its constructor failed (" + e.getCause() + ").",
                    "fix the constructor; the cause follows.", e.getCause());
        } catch (TlsConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw problem(supplierSetting + "=" + className, "its get() failed (" + e + ").", "fix get(); the cause follows.", e);
        }
        if (!(supplied instanceof TlsConfig config)) {
            throw problem(supplierSetting + "=" + className,
                    "get() returned " + (supplied == null ? "null" : "a " + supplied.getClass().getName()) + ", not a TlsConfig.",
                    "return an io.tlsconnector.config.TlsConfig from get() (TlsConfig.builder()...build()).");
        }
        return config;
    }

    private static TlsConfigException problem(String source, String problem, String fix) {
        return problem(source, problem, fix, null);
    }

    private static TlsConfigException problem(String source, String problem, String fix, Throwable cause) {
        return new TlsConfigException(java.util.List.of(new TlsConfigException.Problem(null, source, problem, fix)), cause);
    }
}

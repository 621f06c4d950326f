package io.tlsconnector.spring.boot;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.tlsconnector.runtime.TlsRuntime;

/**
 * Spring Boot 4.0 auto-configuration of the TLS connector (F5): when any {@code tls-connector.*} configuration is
 * set, one {@link TlsRuntime} starts with the application context (a bad configuration fails start-up naming the
 * property and the fix) and serves HTTPS on {@code server.port} of the embedded Tomcat 11 or Jetty 12.1 in place
 * of {@code server.ssl}, or on {@code tls-connector.port} beside Boot's HTTP connector. Actuator's health shows its
 * virtual hosts, their certificates' expiry and the engine.
 */
@AutoConfiguration
@EnableConfigurationProperties(TlsConnectorProperties.class)
@Conditional(TlsConnectorAutoConfiguration.Configured.class)
public class TlsConnectorAutoConfiguration implements BeanClassLoaderAware {
    private ClassLoader classLoader = TlsConnectorAutoConfiguration.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Bean(destroyMethod = "close")
    public TlsRuntime tlsConnectorRuntime(TlsConnectorProperties properties) {
        return TlsRuntime.start(properties.toTlsConfig(classLoader));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory",
            "io.tlsconnector.tomcat.TlsNioProtocol"})
    static class Tomcat {
        @Bean
        public TomcatCustomizer tlsConnectorTomcatCustomizer(TlsRuntime runtime, TlsConnectorProperties properties) {
            return new TomcatCustomizer(runtime, properties.getPort());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.jetty.servlet.JettyServletWebServerFactory",
            "io.tlsconnector.jetty.JettyTls"})
    static class Jetty {
        @Bean
        public JettyCustomizer tlsConnectorJettyCustomizer(TlsRuntime runtime, TlsConnectorProperties properties) {
            return new JettyCustomizer(runtime, properties.getPort());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        public TlsConnectorHealthIndicator tlsConnectorHealthIndicator(TlsRuntime runtime) {
            return new TlsConnectorHealthIndicator(runtime);
        }
    }

    /** Any of {@code tls-connector.httpd-conf}, {@code .config-supplier}, {@code .virtual-hosts[n]}. */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("tls-connector", TlsConnectorProperties.class)
                    .map(TlsConnectorProperties::configured).orElse(false);
        }
    }

    /** {@code server.ssl} and the connector cannot both serve TLS on the same application. */
    static void refuseServerSsl(org.springframework.boot.web.server.Ssl ssl) {
        if (org.springframework.boot.web.server.Ssl.isEnabled(ssl)) {
            throw new IllegalStateException("Both server.ssl.* and tls-connector.* are set: the TLS connector replaces Spring Boot's"
                    + " server.ssl on server.port. Remove the server.ssl.* properties (or set server.ssl.enabled=false), or remove"
                    + " tls-connector.* to keep Boot's own TLS.");
        }
    }
}

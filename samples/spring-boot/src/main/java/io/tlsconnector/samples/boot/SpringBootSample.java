package io.tlsconnector.samples.boot;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot 4.0 application served over HTTPS by the TLS connector, configured by
 * {@code application.properties} alone ({@code tls-connector.*}, see README "Spring Boot 4.0").
 */
@SpringBootApplication
public class SpringBootSample {
    public static void main(String[] args) {
        SpringApplication.run(SpringBootSample.class, args);
    }

    /** mod_ssl's SSL_* variables as a controller sees them, one {@code NAME=value} line each. */
    @RestController
    public static class SslController {
        private static final List<String> NAMES = List.of("SSL_PROTOCOL", "SSL_CIPHER", "SSL_TLS_SNI", "SSL_SERVER_S_DN_CN",
                "SSL_VERSION_LIBRARY", "io.tlsconnector.virtual_host");

        @GetMapping(value = "/ssl", produces = "text/plain")
        public String ssl(HttpServletRequest request) {
            StringBuilder body = new StringBuilder("protocol=" + request.getProtocol() + "\n");
            for (String name : NAMES) {
                body.append(name).append('=').append(request.getAttribute(name)).append('\n');
            }
            return body.toString();
        }
    }
}

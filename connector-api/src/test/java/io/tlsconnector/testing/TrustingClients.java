package io.tlsconnector.testing;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK clients that trust exactly the given certificates (a test root CA or a self-signed leaf). */
public final class TrustingClients {
    private TrustingClients() {
    }

    public static SSLContext sslContextTrusting(X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HttpClient that speaks {@code version} and trusts {@code trusted}; hostnames are still verified. */
    public static HttpClient httpClient(HttpClient.Version version, X509Certificate... trusted) {
        return HttpClient.newBuilder()
                .version(version)
                .sslContext(sslContextTrusting(trusted))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}

package io.tlsconnector.engine;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.tlsconnector.TlsConfigException;
import io.tlsconnector.config.VirtualHost;
import io.tlsconnector.pki.KeyMaterial;

/**
 * Builds the {@link HostContext} of one virtual host from its loaded key material: the SSLContext,
 * and the protocol and cipher-suite lists checked against what the provider supports.
 */
public final class HostContextFactory {
    private static final Set<String> INSECURE_PROTOCOLS = Set.of("SSLv3", "TLSv1", "TLSv1.1");

    private HostContextFactory() {
    }

    /**
     * @throws TlsConfigException naming every protocol or cipher suite the provider cannot use
     */
    public static HostContext build(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random) {
        if (!host.ocspStapling().enabled()) {
            return buildContext(host, certificates, random);
        }
        try {
            return Stapling.withProperties(Stapling.propertiesFor(host.ocspStapling()), () -> {
                HostContext built = buildContext(host, certificates, random);
                built.ocspStatus(Stapling.prime(built, host.ocspStapling().timeout()));
                return built;
            });
        } catch (TlsConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("building the stapling context of '" + host.serverName() + "' failed", e);
        }
    }

    /**
     * A fresh context for the same host and key material, e.g. to fetch a newer OCSP response; the
     * caller decides whether to serve it.
     */
    public static HostContext rebuild(HostContext current, SecureRandom random) {
        return build(current.virtualHost(), current.certificates(), random);
    }

    private static HostContext buildContext(VirtualHost host, List<KeyMaterial> certificates, SecureRandom random) {
        SSLContext context;
        List<X509Certificate> clientCas = ClientTrust.loadCaCertificates(host);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new VirtualHostKeyManager(certificates)}, ClientTrust.trustManagers(host, clientCas), random);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(List.of(new TlsConfigException.Problem(host.serverName(), "SSLContext",
                    "the TLS provider could not create a context: " + e.getMessage(),
                    "check the JDK's security configuration (java.security) and the TLS provider on the class path.")), e);
        }
        TlsConfigException.Collector problems = new TlsConfigException.Collector();
        SSLParameters supported = context.getSupportedSSLParameters();
        String[] protocols = chooseProtocols(host, supported, problems);
        String[] suites = SuiteSelection.choose(host, context, supported, protocols, certificates, problems);
        problems.throwIfAny();
        return new HostContext(host, context, certificates, protocols, suites, clientCas);
    }

    private static String[] chooseProtocols(VirtualHost host, SSLParameters supported, TlsConfigException.Collector problems) {
        Set<String> available = Set.of(supported.getProtocols());
        List<String> enabled = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (String protocol : host.protocols().protocols()) {
            (available.contains(protocol) ? enabled : unavailable).add(protocol);
        }
        if (enabled.isEmpty()) {
            problems.add(host.serverName(), "protocols", "none of " + host.protocols().protocols()
                            + " is supported by the TLS provider (it supports " + List.of(supported.getProtocols()) + ").",
                    "enable TLSv1.2 and/or TLSv1.3, e.g. protocols(\"TLSv1.2 +TLSv1.3\").");
        }
        return enabled.toArray(String[]::new);
    }

    /** True for protocol versions that are broken or deprecated (RFC 8996). */
    public static boolean isInsecure(String protocol) {
        return INSECURE_PROTOCOLS.contains(protocol);
    }
}

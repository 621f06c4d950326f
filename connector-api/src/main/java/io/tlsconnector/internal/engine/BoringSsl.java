package io.tlsconnector.internal.engine;

import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;

/**
 * What the library asks of Netty's BoringSSL engine outside a context. Only touched when
 * {@link #PRESENT}, so connector-api runs without Netty on the class path.
 */
final class BoringSsl {
    /** True when Netty's handler classes are on the class path (the natives may still be missing). */
    static final boolean PRESENT = present();

    private BoringSsl() {
    }

    private static boolean present() {
        try {
            Class.forName("io.netty.handler.ssl.ReferenceCountedOpenSslEngine", false, BoringSsl.class.getClassLoader());
            Class.forName("io.netty.internal.tcnative.SSL", false, BoringSsl.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Why the engine cannot run here, or empty when it can. */
    static Optional<String> unavailability() {
        if (!PRESENT) {
            return Optional.of("io.netty:netty-handler and io.netty:netty-tcnative-boringssl-static (with this platform's"
                    + " classifier, e.g. linux-x86_64) are not on the class path");
        }
        if (!OpenSsl.isAvailable()) {
            Throwable cause = OpenSsl.unavailabilityCause();
            return Optional.of("netty-tcnative's native library does not load on this platform ("
                    + (cause == null ? "unknown cause" : cause.toString()) + ")");
        }
        return Optional.empty();
    }

    static boolean owns(SSLEngine engine) {
        return engine instanceof ReferenceCountedOpenSslEngine;
    }

    /** Releases the engine's native state and its hold on the context; repeated calls do nothing. */
    static void release(SSLEngine engine) {
        ReferenceCountedOpenSslEngine native_ = (ReferenceCountedOpenSslEngine) engine;
        synchronized (native_) {
            if (native_.refCnt() > 0) {
                native_.release();
            }
        }
    }

    /** Whether the handshake resumed a session; empty once the engine is released. */
    static Optional<Boolean> resumed(SSLEngine engine) {
        ReferenceCountedOpenSslEngine native_ = (ReferenceCountedOpenSslEngine) engine;
        synchronized (native_) {
            long ssl = native_.refCnt() > 0 ? native_.sslPointer() : 0;
            return ssl == 0 ? Optional.empty() : Optional.of(SSL.isSessionReused(ssl));
        }
    }

    /** The IANA names of the suites BoringSSL implements (TLS 1.2 and 1.3). */
    static Set<String> implementedSuites() {
        return Set.copyOf(OpenSsl.availableJavaCipherSuites());
    }

    /** The library as mod_ssl's {@code SSL_VERSION_LIBRARY} names it, e.g. {@code BoringSSL/netty-tcnative-2.0.84.Final}. */
    static String libraryVersion() {
        return LibraryVersion.VALUE;
    }

    /**
     * Read once: the tcnative version comes from a file in its jar, and every connection whose {@code SSL_*} variables
     * are computed asks for it (reading it each time was most of that computation's allocation).
     */
    private static final class LibraryVersion {
        static final String VALUE = read();

        private static String read() {
            String tcnative;
            try {
                tcnative = TcnativeVersion.of();
            } catch (ClassNotFoundException e) {
                tcnative = "version unknown";
            }
            return OpenSsl.versionString() + "/netty-tcnative-" + tcnative;
        }
    }

    /**
     * Serve in the host's cipher order (SSLHonorCipherOrder on) or in the client's. Per engine: Netty's
     * context pointer is its own wrapper, not the {@code SSL_CTX} that tcnative's option calls take.
     */
    static void serverCipherPreference(SSLEngine engine, boolean honor) {
        ReferenceCountedOpenSslEngine native_ = (ReferenceCountedOpenSslEngine) engine;
        synchronized (native_) {
            long ssl = native_.sslPointer();
            if (honor) {
                SSL.setOptions(ssl, SSL.SSL_OP_CIPHER_SERVER_PREFERENCE);
            } else {
                SSL.clearOptions(ssl, SSL.SSL_OP_CIPHER_SERVER_PREFERENCE);
            }
        }
    }

    /** The negotiated key-exchange group, e.g. {@code X25519MLKEM768}; empty before the handshake or once released. */
    static Optional<String> keyExchangeGroup(SSLEngine engine) {
        ReferenceCountedOpenSslEngine native_ = (ReferenceCountedOpenSslEngine) engine;
        synchronized (native_) {
            long ssl = native_.refCnt() > 0 ? native_.sslPointer() : 0;
            try {
                return ssl == 0 ? Optional.empty() : Optional.ofNullable(SSL.getGroupName(ssl));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    }
}

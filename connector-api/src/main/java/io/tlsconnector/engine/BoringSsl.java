package io.tlsconnector.engine;

import java.util.Optional;

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
}

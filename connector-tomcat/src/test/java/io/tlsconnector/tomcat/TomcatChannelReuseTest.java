package io.tlsconnector.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.net.SocketProperties;
import org.junit.jupiter.api.Test;

/**
 * Below 2 GB of heap Tomcat keeps no closed channel, so each TLS connection allocates its buffers again (about
 * 50 KB, native ones for BoringSSL); the connector keeps what 1/32 of the heap holds, as Tomcat does above 2 GB,
 * unless the operator set {@code socket.bufferPool} or {@code socket.bufferPoolSize} (F25).
 */
class TomcatChannelReuseTest {
    /** What Tomcat reserves per cached TLS channel beyond its application buffers (twice its SNI parse limit). */
    private static final int TLS_OVERHEAD = 2 * 64 * 1024;

    @Test
    void onA256MegabyteHeapClosedChannelsAreKept() {
        SocketProperties socket = new SocketProperties();
        TlsNioProtocol.keepClosedChannelsOnSmallHeaps(socket, 256L << 20);
        assertThat(socket.getBufferPoolSize()).isEqualTo(8 << 20);
        assertThat(socket.getActualBufferPool(TLS_OVERHEAD)).as("channels kept for reuse").isGreaterThan(50);
    }

    @Test
    void anOperatorsChoiceStands() {
        SocketProperties noCache = new SocketProperties();
        noCache.setBufferPool(0);
        TlsNioProtocol.keepClosedChannelsOnSmallHeaps(noCache, 256L << 20);
        assertThat(noCache.getActualBufferPool(TLS_OVERHEAD)).isZero();

        SocketProperties sized = new SocketProperties();
        sized.setBufferPoolSize(1 << 20);
        TlsNioProtocol.keepClosedChannelsOnSmallHeaps(sized, 256L << 20);
        assertThat(sized.getBufferPoolSize()).isEqualTo(1 << 20);
    }

    @Test
    void aHeapAboveTwoGigabytesKeepsTomcatsOwnRule() {
        SocketProperties socket = new SocketProperties();
        TlsNioProtocol.keepClosedChannelsOnSmallHeaps(socket, 4L << 30);
        assertThat(socket.getBufferPoolSize()).isEqualTo(-2);
    }
}

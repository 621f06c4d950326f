package io.tlsconnector.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RecordJoinTest {
    private static ByteBuffer text(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void twoOrMoreBuffersWithBytesThatFitOneRecordAreJoinable() {
        ByteBuffer[] frame = {ByteBuffer.allocate(0), text("header"), text("payload"), ByteBuffer.allocate(0)};
        assertThat(RecordJoin.joinable(frame, 0, frame.length)).isEqualTo(13);
        assertThat(RecordJoin.joinable(frame, 1, 1)).as("one buffer is sealed as it is").isEqualTo(-1);
        assertThat(RecordJoin.joinable(new ByteBuffer[] {text("only"), ByteBuffer.allocate(0)}, 0, 2)).isEqualTo(-1);
    }

    @Test
    void buffersBeyondOneRecordAreSealedAsTheyAre() {
        ByteBuffer[] exactly = {ByteBuffer.allocate(RecordJoin.MAX_RECORD_PLAINTEXT - 1), ByteBuffer.allocate(1)};
        assertThat(RecordJoin.joinable(exactly, 0, 2)).isEqualTo(RecordJoin.MAX_RECORD_PLAINTEXT);
        ByteBuffer[] beyond = {ByteBuffer.allocate(RecordJoin.MAX_RECORD_PLAINTEXT), ByteBuffer.allocate(1)};
        assertThat(RecordJoin.joinable(beyond, 0, 2)).isEqualTo(-1);
    }

    @Test
    void theJoinHoldsTheBytesInOrderAndLeavesTheBuffersWhereTheyWere() {
        ByteBuffer first = text("xxhead");
        first.position(2);
        ByteBuffer[] buffers = {text("skipped"), first, text("-body")};
        ByteBuffer joined = ByteBuffer.allocateDirect(64);
        joined.put((byte) 'z');
        RecordJoin.join(buffers, 1, 2, joined);
        byte[] bytes = new byte[joined.remaining()];
        joined.get(bytes);
        assertThat(new String(bytes, StandardCharsets.US_ASCII)).isEqualTo("head-body");
        assertThat(first.position()).isEqualTo(2);
        assertThat(buffers[0].position()).isZero();
    }

    @Test
    void whatTheEngineTookIsTakenFromTheBuffersInOrder() {
        ByteBuffer[] buffers = {text("unrelated"), text("abc"), text("defg"), text("hi")};
        RecordJoin.consumed(buffers, 1, 3, 5);
        assertThat(buffers[0].position()).isZero();
        assertThat(buffers[1].hasRemaining()).isFalse();
        assertThat(buffers[2].position()).isEqualTo(2);
        assertThat(buffers[3].position()).isZero();
        RecordJoin.consumed(buffers, 1, 3, 0);
        assertThat(buffers[2].position()).isEqualTo(2);
    }
}

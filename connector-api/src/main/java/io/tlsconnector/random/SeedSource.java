package io.tlsconnector.random;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where seed bytes come from (one source of mod_ssl's SSLRandomSeed). Reading may block, e.g. on a
 * FIFO or a slow program; callers never read on a handshake thread and give every read a deadline,
 * interrupting the reading thread when it passes.
 *
 * <p>{@code toString()} gives the source in mod_ssl's syntax ({@code file:/dev/urandom 512}), which
 * {@link #parse(String)} reads back.
 */
public interface SeedSource {

    /**
     * Reads this source's seed.
     *
     * @return the bytes delivered, a new array the caller wipes; may be shorter than asked when
     *         the source ran dry
     * @throws IOException          when the source cannot be read, with the reason
     * @throws InterruptedException when the deadline passed and the read was abandoned
     */
    byte[] read() throws IOException, InterruptedException;

    /** How many bytes this source is asked for; 0 means "what it has" (a whole file, a program's whole output). */
    int bytes();

    /** mod_ssl's {@code builtin}: the time, the process id and 128 bytes from the operating system's non-blocking generator. */
    static SeedSource builtin() {
        return new BuiltinSeed();
    }

    /** {@code file:/path [bytes]}: the first {@code bytes} bytes of a file or device, or the whole file (up to 1 MiB) for 0. */
    static SeedSource file(Path file, int bytes) {
        return new FileSeed(file, bytes);
    }

    /**
     * {@code exec:/path [bytes]}: runs the program with the byte count as its one argument ({@code 0}
     * when none is given) and takes its standard output, at most {@code bytes} bytes.
     */
    static SeedSource exec(Path program, int bytes) {
        return new ExecSeed(program, bytes);
    }

    /** {@code egd:/path/to/socket [bytes]}: asks an Entropy Gathering Daemon over its UNIX socket. */
    static SeedSource egd(Path socket, int bytes) {
        return new EgdSeed(socket, bytes);
    }

    /**
     * Parses one source in mod_ssl's syntax: {@code builtin}, {@code file:/path [bytes]},
     * {@code exec:/path [bytes]}, {@code egd:/path [bytes]}, or a bare path (a file).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static SeedSource parse(String source) {
        return SeedSyntax.source(source);
    }
}

package io.tlsconnector.random;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** mod_ssl's builtin source, made of what cannot block: time, process id, the OS's non-blocking generator. */
record BuiltinSeed() implements SeedSource {
    static final int SYSTEM_BYTES = 128;

    @Override
    public byte[] read() {
        byte[] system = new byte[SYSTEM_BYTES];
        nonBlocking().nextBytes(system);
        ByteBuffer seed = ByteBuffer.allocate(16 + SYSTEM_BYTES);
        seed.putLong(System.nanoTime() ^ System.currentTimeMillis());
        seed.putLong(ProcessHandle.current().pid());
        seed.put(system);
        java.util.Arrays.fill(system, (byte) 0);
        return seed.array();
    }

    private static SecureRandom nonBlocking() {
        try {
            return SecureRandom.getInstance("NativePRNGNonBlocking");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Override
    public int bytes() {
        return 0;
    }

    @Override
    public String toString() {
        return "builtin";
    }
}

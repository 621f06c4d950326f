package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes real shell scripts for tests (pass-phrase and seed programs) into a test's directory. */
public final class Scripts {
    private Scripts() {
    }

    /** Writes {@code body} after a {@code #!/bin/sh} line to {@code dir/name}, executable by the owner only. */
    public static Path shell(Path dir, String name, String body) {
        ExternalTool.require("sh");
        try {
            Path script = dir.resolve(name);
            Files.writeString(script, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a file a script appends to; empty when it does not exist yet. */
    public static java.util.List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : java.util.List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

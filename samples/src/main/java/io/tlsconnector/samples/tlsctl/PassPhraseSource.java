package io.tlsconnector.samples.tlsctl;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.tlsconnector.passphrase.PassPhraseProvider;
import io.tlsconnector.passphrase.PassPhraseRequest;
import picocli.CommandLine;

/**
 * Where a command takes a pass-phrase from: {@code env:NAME} (an environment variable),
 * {@code file:/path} (the first line of a file) or {@code prompt} (asked on the terminal, without
 * echo). These are the same sources as the library's pass-phrase provider built-ins for environment
 * variables, files and the console (mod_ssl's SSLPassPhraseDialog {@code builtin}); a literal
 * {@code pass:secret} is deliberately not accepted, since it would show in the process list and
 * shell history.
 */
final class PassPhraseSource implements PassPhraseProvider {
    private final String spec;

    private PassPhraseSource(String spec) {
        this.spec = spec;
    }

    /** Asked on the terminal: the default when an option is not given. */
    static final PassPhraseSource PROMPT = new PassPhraseSource("prompt");

    static PassPhraseSource parse(String spec) {
        if (spec.equals("prompt") || spec.startsWith("env:") && spec.length() > 4 || spec.startsWith("file:") && spec.length() > 5) {
            return new PassPhraseSource(spec);
        }
        throw new IllegalArgumentException("pass-phrase source '" + (spec.startsWith("pass:") ? "pass:..." : spec)
                + "' is not env:NAME, file:/path or prompt");
    }

    @Override
    public char[] passPhrase(PassPhraseRequest request) throws IOException {
        return read("Enter pass phrase for " + request.keySource() + ": ", false);
    }

    /** A pass-phrase for a new key: asked twice when it comes from the terminal. */
    char[] newPassPhrase(String what) {
        try {
            return read("Enter pass phrase for " + what + ": ", true);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private char[] read(String prompt, boolean confirm) throws IOException {
        if (spec.startsWith("env:")) {
            String value = System.getenv(spec.substring(4));
            if (value == null || value.isEmpty()) {
                throw new IOException("the environment variable " + spec.substring(4) + " (from --pass " + spec + ") is not set");
            }
            return value.toCharArray();
        }
        if (spec.startsWith("file:")) {
            Path file = Path.of(spec.substring(5));
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("cannot read the pass-phrase file " + file + " (" + e.getClass().getSimpleName() + ")");
            }
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IOException("the pass-phrase file " + file + " is empty; put the pass-phrase on its first line");
            }
            return lines.get(0).toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IOException("no terminal to ask for the pass-phrase; give it with --pass env:NAME or --pass file:/path");
        }
        char[] first = console.readPassword("%s", prompt);
        if (confirm) {
            char[] second = console.readPassword("Verifying - %s", prompt);
            boolean same = Arrays.equals(first, second);
            PassPhraseProvider.wipe(second);
            if (!same) {
                PassPhraseProvider.wipe(first);
                throw new IOException("the two pass-phrases differ; nothing was written");
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return spec.startsWith("prompt") ? "prompt" : spec.substring(0, spec.indexOf(':') + 1) + "...";
    }

    /** picocli: {@code --pass env:NAME}. */
    static final class Converter implements CommandLine.ITypeConverter<PassPhraseSource> {
        @Override
        public PassPhraseSource convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}

package io.tlsconnector.config.httpd;

import java.nio.file.Path;
import java.util.List;

/** One element of a read httpd configuration: a directive line or a {@code <Section>} with its content. */
sealed interface ConfNode permits ConfNode.Directive, ConfNode.Section {
    /** Where the element starts. */
    Where where();

    /** The directive or section name as written, e.g. {@code SSLProtocol} or {@code VirtualHost}. */
    String name();

    /** The arguments, quotes removed and {@code ${VAR}} resolved. */
    List<String> args();

    /** A file and a line number in it (1-based), shown as {@code file:line}. */
    record Where(Path file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** @param raw the arguments as written (variables resolved), for directives such as SSLRequire that take an expression */
    record Directive(Where where, String name, List<String> args, String raw) implements ConfNode {
        public Directive {
            args = List.copyOf(args);
        }

        Directive(Where where, String name, List<String> args) {
            this(where, name, args, String.join(" ", args));
        }

        /** The arguments joined by one space, as mod_ssl sees a multi-word argument list. */
        String joined() {
            return String.join(" ", args);
        }
    }

    record Section(Where where, String name, List<String> args, List<ConfNode> children) implements ConfNode {
        public Section {
            args = List.copyOf(args);
            children = List.copyOf(children);
        }
    }
}

package io.tlsconnector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A configuration that cannot be served. Lists every problem found in one pass, so an operator
 * fixes them all at once instead of one restart per mistake (F9).
 */
public class TlsConfigException extends TlsException {
    private static final long serialVersionUID = 1L;

    /**
     * One thing wrong with the configuration.
     *
     * @param virtualHost the server name of the virtual host concerned, or {@code null} for the whole config
     * @param source      the file or setting concerned (a path, or a name such as {@code protocols})
     * @param problem     what is wrong, in a sentence
     * @param fix         how to fix it, in a sentence
     */
    public record Problem(String virtualHost, String source, String problem, String fix) {
        public Problem {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(fix, "fix");
        }

        @Override
        public String toString() {
            StringBuilder line = new StringBuilder();
            if (virtualHost != null) {
                line.append("virtual host '").append(virtualHost).append("', ");
            }
            line.append(source).append(": ").append(problem);
            line.append(" Fix: ").append(fix);
            return line.toString();
        }
    }

    private final List<Problem> problems;

    public TlsConfigException(List<Problem> problems) {
        this(problems, null);
    }

    public TlsConfigException(List<Problem> problems, Throwable cause) {
        super(render(problems), cause);
        this.problems = List.copyOf(problems);
    }

    public TlsConfigException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem found, in the order the configuration declares the things concerned. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a TlsConfigException needs at least one problem");
        }
        if (problems.size() == 1) {
            return "TLS configuration problem: " + problems.get(0);
        }
        StringBuilder text = new StringBuilder("TLS configuration has ")
                .append(problems.size()).append(" problems:");
        int n = 1;
        for (Problem p : problems) {
            text.append(System.lineSeparator()).append("  ").append(n++).append(". ").append(p);
        }
        return text.toString();
    }

    /** Collects problems while a configuration is checked, then throws them together. */
    public static final class Collector {
        private final List<Problem> found = new ArrayList<>();

        /** Adds {@code problem} unless the same one is already listed (a section several hosts inherit). */
        public void add(Problem problem) {
            if (!found.contains(problem)) {
                found.add(problem);
            }
        }

        public void add(String virtualHost, String source, String problem, String fix) {
            add(new Problem(virtualHost, source, problem, fix));
        }

        public void addAll(TlsConfigException e) {
            found.addAll(e.problems());
        }

        public boolean isEmpty() {
            return found.isEmpty();
        }

        public List<Problem> problems() {
            return List.copyOf(found);
        }

        public void throwIfAny() {
            if (!found.isEmpty()) {
                throw new TlsConfigException(found);
            }
        }
    }
}

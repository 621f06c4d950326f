package io.tlsconnector.config.httpd;

import java.util.ArrayList;
import java.util.List;

import io.tlsconnector.config.httpd.ConfNode.Where;

/**
 * What reading an httpd configuration did with each directive: applied, not yet applied, ignored or
 * unsupported, with where it came from ({@code file:line}) and why. Nothing read is left out.
 */
public final class HttpdConfReport {
    /** What happened to one directive. */
    public enum Kind {
        /** Read and applied to the TLS configuration. */
        READ,
        /** Recognised and valid, but not applied by the connector (see the reason, e.g. a per-path rule). */
        NOT_YET_APPLIED,
        /** Recognised and deliberately not applied (see the reason). */
        IGNORED,
        /** Recognised; the library has no counterpart (see the reason). */
        UNSUPPORTED,
        /** Read, but worth a look: an undefined variable, a missing file, an assumption made. */
        WARNING
    }

    /**
     * One line of the report.
     *
     * @param kind      what happened
     * @param location  {@code file:line} of the directive
     * @param directive the directive (with its key argument when that identifies it)
     * @param reason    what was done, or why not
     */
    public record Entry(Kind kind, String location, String directive, String reason) {
        @Override
        public String toString() {
            return location + ": " + directive + ": " + kind + ": " + reason;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    HttpdConfReport() {
    }

    /** Adds an entry unless the same one is already there (a section every virtual host inherits is read once per host). */
    void add(Kind kind, Where where, String directive, String reason) {
        Entry entry = new Entry(kind, where.toString(), directive, reason);
        if (!entries.contains(entry)) {
            entries.add(entry);
        }
    }

    /** Every entry, in reading order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one kind, in reading order. */
    public List<Entry> entries(Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /** One line per entry. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        entries.forEach(e -> text.append(e).append(System.lineSeparator()));
        return text.toString();
    }
}

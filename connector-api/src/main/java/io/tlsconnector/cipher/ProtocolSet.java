package io.tlsconnector.cipher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS protocol versions a virtual host accepts, written in mod_ssl's {@code SSLProtocol}
 * syntax (F40): case-insensitive words {@code TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 all}; {@code +}
 * adds, {@code -} removes, and a bare word replaces what came before it (mod_ssl warns about that
 * too, AH02532). {@code all} is TLSv1 to TLSv1.3, as with an OpenSSL 3 built without SSLv3.
 * {@code -SSLv2} and {@code -SSLv3} are accepted and mean nothing; asking for SSLv2 or SSLv3 is
 * refused, since both are broken (RFC 6176, RFC 7568).
 *
 * @param protocols JSSE protocol names, oldest first
 */
public record ProtocolSet(Set<String> protocols) {
    private static final Logger log = LoggerFactory.getLogger(ProtocolSet.class);

    /** Every version mod_ssl's {@code all} stands for, oldest first, in JSSE's spelling. */
    public static final List<String> ALL = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** The secure default: TLS 1.2 and TLS 1.3. */
    public static final ProtocolSet DEFAULT = new ProtocolSet(Set.of("TLSv1.2", "TLSv1.3"));

    public ProtocolSet {
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        for (String known : ALL) {
            if (protocols.contains(known)) {
                ordered.add(known);
            }
        }
        for (String p : protocols) {
            if (!ordered.contains(p)) {
                throw new IllegalArgumentException("unknown TLS protocol '" + p + "'; known: " + ALL);
            }
        }
        protocols = Collections.unmodifiableSet(ordered);
    }

    /**
     * Parses mod_ssl {@code SSLProtocol} arguments, e.g. {@code "all -SSLv3 -TLSv1 -TLSv1.1"}.
     *
     * @throws IllegalArgumentException naming the word that is not a protocol, or when nothing is left
     */
    public static ProtocolSet parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty protocol list; write e.g. \"TLSv1.2 +TLSv1.3\" or \"all -SSLv3\"");
        }
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String word : spec.trim().split("[\\s,]+")) {
            char action = word.charAt(0) == '+' || word.charAt(0) == '-' ? word.charAt(0) : '\0';
            String name = action == '\0' ? word : word.substring(1);
            if (name.equalsIgnoreCase("SSLv2") || name.equalsIgnoreCase("SSLv3")) {
                if (action == '-') {
                    continue;
                }
                boolean v2 = name.equalsIgnoreCase("SSLv2");
                throw new IllegalArgumentException("'" + word + "' in protocol list \"" + spec + "\" asks for "
                        + (v2 ? "SSLv2, which is broken (RFC 6176)" : "SSLv3, which is broken (POODLE, RFC 7568)")
                        + " and is never enabled; remove it (or write -" + (v2 ? "SSLv2" : "SSLv3")
                        + ") and use TLSv1.2 and TLSv1.3");
            }
            List<String> named = named(name, spec);
            if (action == '+') {
                chosen.addAll(named);
            } else if (action == '-') {
                named.forEach(chosen::remove);
            } else {
                if (!chosen.isEmpty()) {
                    log.warn("Protocol '{}' in \"{}\" replaces the protocols named before it; "
                            + "write '+{}' to add it instead (as mod_ssl's AH02532 says)", word, spec, word);
                }
                chosen.clear();
                chosen.addAll(named);
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("protocol list \"" + spec + "\" leaves no protocol enabled");
        }
        return new ProtocolSet(chosen);
    }

    private static List<String> named(String name, String spec) {
        if (name.equalsIgnoreCase("all")) {
            return ALL;
        }
        for (String known : ALL) {
            if (known.equalsIgnoreCase(name)) {
                return List.of(known);
            }
        }
        throw new IllegalArgumentException("'" + name + "' in protocol list \"" + spec
                + "\" is not a protocol; use TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 or all, with + or - in front");
    }

    /** The protocol names as an array for {@code SSLParameters.setProtocols}. */
    public String[] toArray() {
        return new ArrayList<>(protocols).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return String.join(" ", protocols);
    }
}

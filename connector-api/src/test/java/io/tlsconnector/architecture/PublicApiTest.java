package io.tlsconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;

/**
 * connector-api's public surface, checked against the committed baseline {@code api/public-api.txt}: every
 * public type outside the {@code internal} packages and its public (and, in extendable types, protected)
 * members. An unplanned change fails the build with the lines that came or went; a planned one is
 * accepted by regenerating the file ({@code -Dapi.update=true}) and committing it, so a reviewer sees it.
 * Packages named {@code internal} are not API: they may change in any release.
 */
class PublicApiTest {
    static final Path BASELINE = Path.of("api", "public-api.txt");

    @Test
    void publicSurfaceMatchesTheBaseline() throws IOException {
        List<String> current = surface();
        if (Boolean.getBoolean("api.update")) {
            Files.createDirectories(BASELINE.getParent());
            Files.write(BASELINE, current, StandardCharsets.UTF_8);
        }
        List<String> baseline = Files.exists(BASELINE) ? Files.readAllLines(BASELINE, StandardCharsets.UTF_8) : List.of();
        Set<String> added = new TreeSet<>(current);
        baseline.forEach(added::remove);
        Set<String> removed = new TreeSet<>(baseline);
        current.forEach(removed::remove);
        removed.removeIf(line -> line.startsWith("#"));
        added.removeIf(line -> line.startsWith("#"));
        assertThat(added.isEmpty() && removed.isEmpty())
                .as("connector-api's public API differs from %s (run from connector-api/).%nAdded:%n%s%nRemoved:%n%s%n"
                        + "If the change is planned, regenerate the baseline with "
                        + "`mvn -B -pl connector-api test -Dtest=PublicApiTest -Dapi.update=true` and commit it; "
                        + "otherwise make the new members package-private or move them to an internal package.",
                        BASELINE.toAbsolutePath(), lines(added, "  + "), lines(removed, "  - "))
                .isTrue();
    }

    static List<String> surface() {
        TreeSet<String> types = new TreeSet<>();
        TreeSet<String> members = new TreeSet<>();
        for (JavaClass type : PackageLayersTest.mainClasses()) {
            if (!exported(type)) {
                continue;
            }
            String name = shortName(type.getName());
            types.add(name);
            boolean extendable = !type.getModifiers().contains(JavaModifier.FINAL) && !type.isEnum() && !type.isRecord()
                    && type.getConstructors().stream().anyMatch(PublicApiTest::visible);
            for (JavaMember member : type.getMembers()) {
                Set<JavaModifier> modifiers = member.getModifiers();
                if (modifiers.contains(JavaModifier.SYNTHETIC) || modifiers.contains(JavaModifier.BRIDGE)) {
                    continue;
                }
                if (modifiers.contains(JavaModifier.PUBLIC) || (extendable && modifiers.contains(JavaModifier.PROTECTED))) {
                    members.add(name + " " + signature(member));
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# connector-api public API: " + types.size() + " types, " + members.size() + " members.");
        lines.add("# Checked by PublicApiTest; regenerate with -Dapi.update=true when a change is planned.");
        types.forEach(type -> lines.add(type));
        members.forEach(lines::add);
        return lines;
    }

    /** Public, outside internal packages, and reachable: every enclosing type public too. */
    private static boolean exported(JavaClass type) {
        if (type.getPackageName().contains(".internal") || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        for (JavaClass t = type; t != null; t = t.getEnclosingClass().orElse(null)) {
            if (!t.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(JavaMember member) {
        return member.getModifiers().contains(JavaModifier.PUBLIC) || member.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static String signature(JavaMember member) {
        String modifiers = member.getModifiers().stream()
                .filter(m -> m == JavaModifier.STATIC || m == JavaModifier.PROTECTED || m == JavaModifier.ABSTRACT)
                .map(m -> m.name().toLowerCase()).sorted().collect(Collectors.joining(" "));
        String prefix = modifiers.isEmpty() ? "" : modifiers + " ";
        if (member instanceof JavaField field) {
            return prefix + "field " + shortName(field.getRawType().getName()) + " " + field.getName();
        }
        JavaCodeUnit code = (JavaCodeUnit) member;
        String parameters = code.getRawParameterTypes().stream().map(t -> shortName(t.getName())).collect(Collectors.joining(", "));
        if (code.isConstructor()) {
            return prefix + "new(" + parameters + ")";
        }
        return prefix + shortName(code.getRawReturnType().getName()) + " " + code.getName() + "(" + parameters + ")";
    }

    private static String shortName(String name) {
        return name.startsWith(PackageLayersTest.ROOT + ".") ? name.substring(PackageLayersTest.ROOT.length() + 1) : name;
    }

    private static String lines(Set<String> lines, String prefix) {
        return lines.isEmpty() ? "  (none)" : lines.stream().map(l -> prefix + l).collect(Collectors.joining(System.lineSeparator()));
    }
}

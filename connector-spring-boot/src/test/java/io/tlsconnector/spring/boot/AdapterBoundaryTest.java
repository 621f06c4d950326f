package io.tlsconnector.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The adapters (Jetty, Tomcat, Spring Boot) only translate container types: they reach connector-api through
 * its user packages and {@code io.tlsconnector.spi}, never through {@code io.tlsconnector.internal}. Checked
 * here because this is the module that has all three adapters on its class path.
 */
class AdapterBoundaryTest {
    private static final String[] ADAPTERS = {"io.tlsconnector.jetty", "io.tlsconnector.tomcat", "io.tlsconnector.spring.boot"};

    @Test
    void adaptersUseNoInternalPackage() {
        TreeSet<String> violations = new TreeSet<>();
        TreeSet<String> seen = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ADAPTERS)) {
            seen.add(type.getPackageName());
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                String target = dependency.getTargetClass().getBaseComponentType().getName();
                if (target.startsWith("io.tlsconnector.internal.")) {
                    violations.add(type.getName().replaceAll("\\$.*", "") + " -> " + target.replaceAll("\\$.*", ""));
                }
            });
        }
        assertThat(seen).as("adapter packages found on the class path").contains(ADAPTERS);
        assertThat(violations).as("adapter classes using connector-api's internal packages: give io.tlsconnector.spi "
                + "what the adapter needs instead").isEmpty();
    }
}

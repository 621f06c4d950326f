package io.tlsconnector.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * connector-api's packages form a DAG in the order of {@link #LAYERS}: a package imports only packages of
 * lower layers, never one of its own layer or above. A new package has to be placed here first, so its
 * place in the order is a decision, not an accident.
 */
class PackageLayersTest {
    /** Lowest first. Within a layer, packages do not know each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of(""),                                                    // TlsException, TlsConfigException
            List.of("cipher", "random", "session", "passphrase", "expression"),
            List.of("config"),                                              // what a user configures, values only
            List.of("pki"),                                                 // key material, certificate tooling
            List.of("internal.engine"),                                     // loaded hosts and their SSLEngines
            List.of("vars"),                                                // SSL_* variables of a connection
            List.of("http", "acme"),
            List.of("runtime"),                                             // TlsRuntime: hosts, reload, ticket keys
            List.of("diag"),
            List.of("config.httpd"),                                        // the httpd.conf importer and its doctor
            List.of("spi"));                                                // what the adapters call

    static final String ROOT = "io.tlsconnector";

    static JavaClasses mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    static String relativePackage(String packageName) {
        return packageName.equals(ROOT) ? "" : packageName.substring(ROOT.length() + 1);
    }

    static Map<String, Integer> layerOfPackage() {
        Map<String, Integer> layers = new java.util.HashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String pkg : LAYERS.get(i)) {
                layers.put(pkg, i);
            }
        }
        return layers;
    }

    @Test
    void everyPackageHasItsPlaceInTheLayers() {
        Map<String, Integer> layers = layerOfPackage();
        TreeSet<String> unplaced = new TreeSet<>();
        for (JavaClass type : mainClasses()) {
            String pkg = relativePackage(type.getPackageName());
            if (!layers.containsKey(pkg)) {
                unplaced.add(pkg.isEmpty() ? ROOT : ROOT + "." + pkg);
            }
        }
        assertThat(unplaced).as("packages of connector-api missing from PackageLayersTest.LAYERS: add each to the layer "
                + "below everything that uses it and above everything it uses").isEmpty();
    }

    @Test
    void packagesImportOnlyLowerLayers() {
        Map<String, Integer> layers = layerOfPackage();
        TreeSet<String> violations = new TreeSet<>();
        for (JavaClass type : mainClasses()) {
            String from = relativePackage(type.getPackageName());
            Integer fromLayer = layers.get(from);
            type.getDirectDependenciesFromSelf().forEach(dependency -> {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (!target.getPackageName().startsWith(ROOT) || target.getPackageName().equals(type.getPackageName())) {
                    return;
                }
                Integer toLayer = layers.get(relativePackage(target.getPackageName()));
                if (fromLayer != null && toLayer != null && toLayer >= fromLayer) {
                    violations.add(owner(type).getName() + " -> " + owner(target).getName());
                }
            });
        }
        assertThat(violations).as("dependencies against the package layers of PackageLayersTest.LAYERS (a package may use "
                + "only lower layers; move the type to the package it belongs to, or pass a value or callback down instead)")
                .isEmpty();
    }

    private static JavaClass owner(JavaClass type) {
        JavaClass owner = type;
        while (owner.getEnclosingClass().isPresent()) {
            owner = owner.getEnclosingClass().get();
        }
        return owner;
    }
}

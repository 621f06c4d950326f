/**
 * The library's two exceptions: {@link io.tlsconnector.TlsConfigException} for a configuration that cannot
 * start (every problem with its file, setting and fix) and {@link io.tlsconnector.TlsException} for a failure at
 * run time. The packages below form layers, lowest first: {@code cipher}, {@code random}, {@code session},
 * {@code passphrase}, {@code expression}; {@code config}; {@code pki}; {@code internal.engine}; {@code vars};
 * {@code http}, {@code acme}; {@code runtime}; {@code diag}; {@code config.httpd}; {@code spi}. A package uses only
 * lower layers (checked by {@code PackageLayersTest}); packages named {@code internal} are not API.
 */
package io.tlsconnector;

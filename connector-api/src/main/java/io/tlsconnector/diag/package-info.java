/**
 * Diagnostics: {@link io.tlsconnector.diag.Doctor} runs the start-up checks on files (F9),
 * {@link io.tlsconnector.diag.Probe} speaks TLS to a server like {@code openssl s_client} (F7), and
 * {@link io.tlsconnector.diag.VersionReport} lists what a bug report needs (F38).
 */
package io.tlsconnector.diag;

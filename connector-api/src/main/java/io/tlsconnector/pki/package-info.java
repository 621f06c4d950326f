/**
 * The PKI toolkit: everything the mod_ssl FAQ does with {@code openssl}, interoperable with openssl
 * both ways, and the key/certificate loading start-up uses.
 *
 * <ul>
 *   <li>{@link io.tlsconnector.pki.PrivateKeys}, {@link io.tlsconnector.config.KeySpec}: generate, write
 *       (PKCS#8, optionally AES-256 encrypted), change (F17) and remove (F18) pass-phrases;</li>
 *   <li>{@link io.tlsconnector.pki.CertificateRequest}, {@link io.tlsconnector.pki.CertificateSubject}: CSRs
 *       with CN, subject and SANs (F15);</li>
 *   <li>{@link io.tlsconnector.pki.Certificates}: self-signed certificates (F14), reading and writing;</li>
 *   <li>{@link io.tlsconnector.pki.CertificateAuthority}: an own CA that signs, revokes and publishes CRLs (F16);</li>
 *   <li>{@link io.tlsconnector.pki.KeyMatch} (F19), {@link io.tlsconnector.pki.Conversion} (F22),
 *       {@link io.tlsconnector.pki.SubjectHash} and {@link io.tlsconnector.pki.HashLinks} (F21),
 *       {@link io.tlsconnector.pki.Inspection} (F12, F23);</li>
 *   <li>{@link io.tlsconnector.pki.KeyMaterialLoader}: opening and checking a virtual host's key material at start-up.</li>
 * </ul>
 */
package io.tlsconnector.pki;

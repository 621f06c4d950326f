/**
 * Pass-phrase providers for encrypted private keys, as mod_ssl's
 * {@code SSLPassPhraseDialog}: {@code builtin} (console), {@code exec:}, {@code |pipe}, environment variables and
 * files (F17, F18). A pass-phrase never reaches a log, an exception message or a {@code toString()}.
 */
package io.tlsconnector.passphrase;

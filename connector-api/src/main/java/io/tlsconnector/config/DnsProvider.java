package io.tlsconnector.config;

/**
 * Publishes the TXT records of dns-01 challenges (RFC 8555 section 8.4) at a DNS provider: the
 * plug-in point for a provider's API. Both calls return once the change is visible to the CA's
 * resolvers, or throw.
 */
public interface DnsProvider {
    /**
     * @param recordName e.g. {@code _acme-challenge.www.example.com.}
     * @param value      the TXT value (the challenge digest)
     */
    void publish(String recordName, String value) throws Exception;

    /** Removes what {@link #publish} added, once the challenge is over. */
    void remove(String recordName, String value) throws Exception;
}

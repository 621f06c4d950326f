package io.tlsconnector.acme;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.pki.PrivateKeys;
import io.tlsconnector.config.Acme;
import io.tlsconnector.config.DnsProvider;

/**
 * The one class that speaks ACME, through acme4j: account, order, challenges, finalisation and renewal
 * information. Everything else of the package sees JDK types only.
 */
final class AcmeClient {
    private static final Logger log = LoggerFactory.getLogger(AcmeClient.class);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration MAX_POLL = Duration.ofSeconds(3);

    /** What the service does with a challenge while the CA validates it. */
    interface Responder {
        void tlsAlpn(String domain, KeyPair key, X509Certificate certificate);

        void http(String token, String keyAuthorization);

        /** The CA accepted a new order. */
        void orderPlaced();

        /** Removes every answer published for this order. */
        void clear(String domain, List<String> tokens);
    }

    /** A failed step, with the CA's problem document when it sent one. */
    static final class Failure extends Exception {
        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Acme acme;
    private final AcmeStore store;
    private final Session session;

    AcmeClient(Acme acme, AcmeStore store) {
        this.acme = acme;
        this.store = store;
        GenericAcmeProvider provider = acme.caCertificateFile().isPresent()
                ? new TrustingProvider(trust(acme.caCertificateFile().get()))
                : new GenericAcmeProvider();
        this.session = new Session(acme.directory(), provider);
    }

    /** Orders a certificate for {@code domains} and returns the new key and chain. */
    AcmeStore.Stored order(List<String> domains, Optional<X509Certificate> replacing, Responder responder) throws Failure {
        try {
            KeyPair accountKey = store.accountKey(acme.directory());
            AccountBuilder accountBuilder = new AccountBuilder().useKeyPair(accountKey);
            acme.contacts().forEach(accountBuilder::addContact);
            if (acme.termsAgreed()) {
                accountBuilder.agreeToTermsOfService();
            }
            Account account = accountBuilder.create(session);
            OrderBuilder orderBuilder = account.newOrder().domains(domains);
            if (replacing.isPresent() && offersRenewalInfo()) {
                orderBuilder.replaces(replacing.get());
            }
            Order order = orderBuilder.create();
            responder.orderPlaced();
            List<String> tokens = new ArrayList<>();
            try {
                for (Authorization authorization : order.getAuthorizations()) {
                    if (authorization.getStatus() != Status.VALID) {
                        authorize(authorization, responder, tokens);
                    }
                }
            } finally {
                responder.clear(domains.get(0), tokens);
            }
            Status ready = poll(order, Set.of(Status.READY, Status.VALID, Status.INVALID));
            if (ready == Status.INVALID) {
                throw new Failure("order for " + domains + " became invalid" + problem(order.getError()), null);
            }
            KeyPair domainKey = PrivateKeys.generate(acme.keyType());
            order.execute(domainKey);
            Status status = poll(order, Set.of(Status.VALID, Status.INVALID));
            if (status != Status.VALID) {
                throw new Failure("order for " + domains + " ended " + status + problem(order.getError()), null);
            }
            Certificate certificate = order.getCertificate();
            return new AcmeStore.Stored(domainKey.getPrivate(), List.copyOf(certificate.getCertificateChain()));
        } catch (AcmeServerException e) {
            throw new Failure("CA " + acme.directory() + " refused: " + e.getProblem(), e);
        } catch (AcmeException e) {
            throw new Failure("ACME exchange with " + acme.directory() + " failed: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while the CA validated " + domains, e);
        } catch (RuntimeException e) {
            throw new Failure("ACME exchange with " + acme.directory() + " failed: " + e, e);
        }
    }

    private void authorize(Authorization authorization, Responder responder, List<String> tokens)
            throws AcmeException, InterruptedException, Failure {
        String domain = authorization.getIdentifier().getDomain();
        Challenge challenge = null;
        Runnable undo = () -> { };
        for (Acme.Challenge type : acme.challenges()) {
            switch (type) {
                case TLS_ALPN_01 -> {
                    Optional<TlsAlpn01Challenge> found = authorization.findChallenge(TlsAlpn01Challenge.class);
                    if (found.isPresent()) {
                        // acme4j signs the challenge certificate with SHA256withRSA, so its key is RSA.
                        KeyPair key = PrivateKeys.generate(io.tlsconnector.config.KeySpec.rsa2048());
                        responder.tlsAlpn(domain, key, found.get().createCertificate(key, authorization.getIdentifier()));
                        challenge = found.get();
                    }
                }
                case HTTP_01 -> {
                    Optional<Http01Challenge> found = authorization.findChallenge(Http01Challenge.class);
                    if (found.isPresent()) {
                        responder.http(found.get().getToken(), found.get().getAuthorization());
                        tokens.add(found.get().getToken());
                        challenge = found.get();
                    }
                }
                case DNS_01 -> {
                    Optional<Dns01Challenge> found = authorization.findChallenge(Dns01Challenge.class);
                    DnsProvider dns = acme.dnsProvider().orElseThrow();
                    if (found.isPresent()) {
                        String name = found.get().getRRName(authorization.getIdentifier());
                        String digest = found.get().getDigest();
                        try {
                            dns.publish(name, digest);
                        } catch (Exception e) {
                            throw new Failure("DNS provider could not publish " + name + ": " + e.getMessage(), e);
                        }
                        undo = () -> {
                            try {
                                dns.remove(name, digest);
                            } catch (Exception e) {
                                log.warn("DNS provider could not remove the ACME record {}: {}", name, e.toString());
                            }
                        };
                        challenge = found.get();
                    }
                }
            }
            if (challenge != null) {
                break;
            }
        }
        if (challenge == null) {
            throw new Failure("CA offers none of " + acme.challenges().stream().map(Acme.Challenge::id).toList()
                    + " for " + domain + "; it offers " + authorization.getChallenges().stream().map(Challenge::getType).toList(), null);
        }
        try {
            log.info("ACME: answering {} for '{}'", challenge.getType(), domain);
            challenge.trigger();
            Status status = poll(challenge, Set.of(Status.VALID, Status.INVALID));
            if (status != Status.VALID) {
                throw new Failure(challenge.getType() + " for '" + domain + "' ended " + status + problem(challenge.getError()), null);
            }
        } finally {
            undo.run();
        }
    }

    /**
     * Waits (at most {@link #WAIT}) until {@code resource} reaches one of {@code done}: at the CA's
     * Retry-After when it sends one, else after 250 ms, doubling up to 3 s (acme4j's own wait polls
     * every 3 s from the start, which slows every order by seconds).
     */
    private static Status poll(PollableResource resource, Set<Status> done) throws AcmeException, InterruptedException, Failure {
        Status current = resource.getStatus();
        if (done.contains(current)) {
            return current;
        }
        Instant deadline = Instant.now().plus(WAIT);
        Duration interval = Duration.ofMillis(250);
        while (Instant.now().isBefore(deadline)) {
            Optional<Instant> retryAfter = resource.fetch();
            current = resource.getStatus();
            if (done.contains(current)) {
                return current;
            }
            Instant now = Instant.now();
            Instant next = retryAfter.filter(at -> at.isAfter(now)).orElse(now.plus(interval));
            if (next.isAfter(deadline)) {
                next = deadline;
            }
            Thread.sleep(Math.max(1, Duration.between(now, next).toMillis()));
            interval = interval.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : interval.multipliedBy(2);
        }
        throw new Failure("the CA left " + resource.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " "
                + (resource instanceof org.shredzone.acme4j.AcmeResource located ? located.getLocation() + " " : "") + current + " for " + WAIT.toSeconds() + " s", null);
    }

    /** When the CA suggests renewing (ACME Renewal Information, RFC 9773), if it offers that. */
    Optional<Instant> suggestedRenewal(X509Certificate certificate) {
        try {
            if (!offersRenewalInfo()) {
                return Optional.empty();
            }
            KeyPair accountKey = store.accountKey(acme.directory());
            AccountBuilder builder = new AccountBuilder().useKeyPair(accountKey).onlyExisting();
            return builder.createLogin(session).bindRenewalInfo(certificate).getRandomProposal(null);
        } catch (AcmeException | RuntimeException e) {
            log.debug("No renewal information from {} for {}: {}", acme.directory(), certificate.getSerialNumber(), e.toString());
            return Optional.empty();
        }
    }

    private boolean offersRenewalInfo() throws AcmeException {
        return session.resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
    }

    private static String problem(Optional<Problem> problem) {
        return problem.map(p -> ": " + p).orElse("");
    }

    /** The trust for a private CA's own HTTPS certificate (mod_md {@code MDCACertificateFile}). */
    private static SSLContext trust(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int index = 0;
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                anchors.setCertificateEntry("ca-" + index++, c);
            }
            if (index == 0) {
                throw new IllegalArgumentException("MDCACertificateFile " + pemFile + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the ACME CA trust file " + pemFile + " (MDCACertificateFile): " + e.getMessage(), e);
        }
    }

    /** The generic provider, trusting the given CAs for the ACME server's HTTPS. */
    private static final class TrustingProvider extends GenericAcmeProvider {
        private final SSLContext trust;

        TrustingProvider(SSLContext trust) {
            this.trust = trust;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.getTimeout())
                    .proxy(settings.getProxySelector())
                    .sslContext(trust);
            if (settings.getAuthenticator() != null) {
                builder.authenticator(settings.getAuthenticator());
            }
            return builder.build();
        }
    }
}

package io.tlsconnector.jetty;

import java.security.Principal;

import javax.security.auth.Subject;

import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;

/**
 * The remote user SSLUserName gives a request (F33), in the form Jetty's servlet layer reads it:
 * {@code getRemoteUser()} and {@code getUserPrincipal()} come from the request's authentication state.
 * The user has no roles and no authentication type (mod_ssl's SSLUserName sets the user only). Needs jetty-security, which every Jetty servlet environment has.
 */
final class SslRemoteUser {
    /** The request attribute Jetty keeps the authentication state in ({@link Request#getAuthenticationState}). */
    static final String ATTRIBUTE = Request.AuthenticationState.class.getName();

    private SslRemoteUser() {
    }

    static Object state(String user) {
        Principal principal = new SslPrincipal(user);
        Subject subject = new Subject();
        subject.getPrincipals().add(principal);
        subject.setReadOnly();
        return new LoginAuthenticator.UserAuthenticationSucceeded(null, UserIdentity.from(subject, principal));
    }

    private record SslPrincipal(String getName) implements Principal {
    }
}

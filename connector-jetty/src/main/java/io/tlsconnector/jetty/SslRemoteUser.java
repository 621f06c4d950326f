package io.tlsconnector.jetty;

import java.security.Principal;

import javax.security.auth.Subject;

import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The remote user SSLUserName gives a request (F33), in the form Jetty's servlet layer reads it:
 * {@code getRemoteUser()} and {@code getUserPrincipal()} come from the request's authentication state. As
 * mod_ssl sets the user after authentication, the name replaces the container's user; the authentication
 * type and the roles stay the container's (none when it authenticated no one), as on Tomcat. Needs
 * jetty-security, which every Jetty servlet environment has.
 */
final class SslRemoteUser {
    /** The request attribute Jetty keeps the authentication state in ({@link Request#getAuthenticationState}). */
    static final String ATTRIBUTE = Request.AuthenticationState.class.getName();

    private SslRemoteUser() {
    }

    /** @param containerState what the container's security handler set (or an earlier state of this kind), or null */
    static Object state(String user, Object containerState) {
        if (containerState instanceof Named named) {
            return new Named(user, named.container);
        }
        return new Named(user, containerState instanceof AuthenticationState.Succeeded succeeded ? succeeded : null);
    }

    private record SslPrincipal(String getName) implements Principal {
    }

    private static final class Named implements AuthenticationState.Succeeded {
        private final AuthenticationState.Succeeded container;
        private final UserIdentity identity;

        Named(String user, AuthenticationState.Succeeded container) {
            this.container = container;
            Principal principal = new SslPrincipal(user);
            Subject subject = new Subject();
            subject.getPrincipals().add(principal);
            subject.setReadOnly();
            UserIdentity named = UserIdentity.from(subject, principal);
            this.identity = new UserIdentity() {
                @Override
                public Subject getSubject() {
                    return named.getSubject();
                }

                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return container != null && container.getUserIdentity().isUserInRole(role);
                }
            };
        }

        @Override
        public String getAuthenticationType() {
            return container == null ? null : container.getAuthenticationType();
        }

        @Override
        public UserIdentity getUserIdentity() {
            return identity;
        }

        @Override
        public boolean isUserInRole(String role) {
            return container != null && container.isUserInRole(role);
        }

        @Override
        public void logout(Request request, Response response) {
            if (container != null) {
                container.logout(request, response);
            }
        }
    }
}

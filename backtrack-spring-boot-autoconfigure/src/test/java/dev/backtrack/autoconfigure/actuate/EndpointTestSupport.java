package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.time.TimeExpressionParser;
import java.security.Principal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.actuate.endpoint.SecurityContext;

/** An endpoint over fixed bindings, and an operator holding its role. */
public final class EndpointTestSupport {

    /** The role the endpoint asks for by default. */
    public static final String ROLE = "BACKTRACK_ADMIN";

    /** An operator named "operator" who holds {@link #ROLE}. */
    public static final SecurityContext OPERATOR = new SecurityContext() {
        @Override
        public Principal getPrincipal() {
            return () -> "operator";
        }

        @Override
        public boolean isUserInRole(String role) {
            return ROLE.equals(role);
        }
    };

    private EndpointTestSupport() {
    }

    /** A user named {@code name} who holds no role; null: nobody signed in. */
    static SecurityContext withoutRole(String name) {
        return new SecurityContext() {
            @Override
            public Principal getPrincipal() {
                return name == null ? null : () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }
        };
    }

    static BacktrackEndpoint endpoint(String journalTopic, ConsumerBinding... bindings) {
        return new BacktrackEndpoint(() -> List.of(bindings), new TimeExpressionParser(ZoneOffset.UTC), ROLE,
                journalTopic, () -> null, Duration.ofSeconds(5));
    }
}

package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.time.TimeExpressionParser;
import java.security.Principal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.boot.actuate.endpoint.SecurityContext;

/** An endpoint over fixed bindings, and an operator holding its role. */
final class EndpointTestSupport {

    static final String ROLE = "BACKTRACK_ADMIN";

    static final SecurityContext OPERATOR = new SecurityContext() {
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

    static BacktrackEndpoint endpoint(String journalTopic, ConsumerBinding... bindings) {
        return new BacktrackEndpoint(() -> List.of(bindings), new TimeExpressionParser(ZoneOffset.UTC), ROLE,
                journalTopic, () -> null, Duration.ofSeconds(5));
    }
}

package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.HistoryItem;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.embedded.EmbeddedRocketMq;
import java.security.Principal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

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

    /** The body of an answer, as the endpoint made it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> body(WebEndpointResponse<Object> response) {
        return (Map<String, Object>) response.getBody();
    }

    /** The {@code error} field of an answer. */
    static String error(WebEndpointResponse<Object> response) {
        return (String) body(response).get("error");
    }

    /** Every entry of {@code GET /actuator/backtrack/history}, newest first. */
    @SuppressWarnings("unchecked")
    static List<HistoryItem> history(BacktrackEndpoint endpoint) {
        return (List<HistoryItem>) body(endpoint.history(OPERATOR, "history")).get("entries");
    }

    /** An admin client of the embedded cluster {@code mq}. */
    static RocketMqAdmin admin(EmbeddedRocketMq mq) {
        return new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
    }
}

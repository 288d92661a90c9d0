package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The rewind's true/false fields: anything else is a 400 naming the field and what is accepted, before any request. */
class EndpointBodyFieldsTest {

    // a closed port: a field that got past validation would meet it and answer 5xx, not 400
    private final BacktrackEndpoint endpoint = EndpointTestSupport.endpoint("JOURNAL",
            new ConsumerBinding("input", "orders", "readers", null, null, "127.0.0.1:1", null, null));

    @Test
    void allowPartialOtherThanTrueOrFalseIsABadRequest() {
        WebEndpointResponse<Object> response = endpoint.rewind(OPERATOR, "input", null, null, "now", "false", "maybe");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat((String) ((Map<?, ?>) response.getBody()).get("error"))
                .isEqualTo("Field 'allowPartial' is 'maybe'; accepted: false (the default: refuse when brokers that "
                        + "held queues of the topic are missing) or true (rewind what can be reached)");
    }

    @Test
    void dryRunOtherThanTrueOrFalseIsABadRequest() {
        WebEndpointResponse<Object> response = endpoint.rewind(OPERATOR, "input", null, null, "now", "yes", null);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat((String) ((Map<?, ?>) response.getBody()).get("error"))
                .startsWith("Field 'dryRun' is 'yes'; accepted: true");
    }
}

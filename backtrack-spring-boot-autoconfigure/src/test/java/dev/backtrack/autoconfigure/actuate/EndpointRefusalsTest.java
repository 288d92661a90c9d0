package dev.backtrack.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.operation.RefusalExamples;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint answers every row of core's refusal table with its status and the operation's own message. */
class EndpointRefusalsTest {

    @Test
    void everyRefusalIsAnsweredWithItsStatusAndMessage() {
        RefusalExamples.oneOfEach().forEach((row, failure) -> {
            WebEndpointResponse<Object> answer = BacktrackEndpoint.refusal(failure);
            assertThat(answer.getStatus()).as(row.name()).isEqualTo(row.httpStatus());
            assertThat(answer.getBody()).as(row.name()).isEqualTo(Map.of("error", failure.getMessage()));
        });
    }

    @Test
    void aFailureOutsideTheTableIsADefectAnswered500() {
        WebEndpointResponse<Object> answer = BacktrackEndpoint.refusal(new IllegalStateException("a defect"));
        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(answer.getBody()).isEqualTo(Map.of("error", "java.lang.IllegalStateException: a defect"));
    }
}

package dev.backtrack.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.operation.RefusalExamples;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The console's API answers every row of core's refusal table with the same status as the endpoint and the
 * operation's own message. Over HTTP with a real broker: ConsoleApiTest, ConsolePartialClusterTest.
 */
class ApiRefusalsTest {

    @Test
    void everyRefusalIsAnsweredWithItsStatusAndMessage() {
        ApiErrors errors = new ApiErrors();
        RefusalExamples.oneOfEach().forEach((row, failure) -> {
            ResponseEntity<Map<String, String>> answer = errors.refused(failure);
            assertThat(answer.getStatusCode().value()).as(row.name()).isEqualTo(row.httpStatus());
            assertThat(answer.getBody()).as(row.name()).isEqualTo(Map.of("error", failure.getMessage()));
        });
    }
}

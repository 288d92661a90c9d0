package dev.backtrack.console;

import static dev.backtrack.console.ConsoleClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Assertions on the console API's answers, for the tests over HTTP. */
public final class ApiAnswers {

    private ApiAnswers() {
    }

    /** The body of a 200 answer as JSON; fails, showing the body, on any other status. */
    public static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** Asserts a 400 whose error says {@code what} was wrong and what is {@code accepted}. */
    public static void assertBad(HttpResponse<String> response, String what, String accepted) throws Exception {
        assertRefused(response, 400, what, accepted);
    }

    /** Asserts the answer has {@code status} and an error that says {@code what} and {@code more}. */
    public static void assertRefused(HttpResponse<String> response, int status, String what, String more)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").asText()).contains(what).contains(more);
    }
}

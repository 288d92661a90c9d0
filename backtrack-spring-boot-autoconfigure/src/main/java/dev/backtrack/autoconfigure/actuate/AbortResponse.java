package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.operation.RunOperation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's answer to {@code POST /actuator/backtrack/abort}: core's abort of a run, rendered as JSON. */
final class AbortResponse {

    private AbortResponse() {
    }

    /** Ends run {@code runId} for good as {@code actor}; refusals as core's {@link dev.backtrack.core.operation.Refusal}. */
    static WebEndpointResponse<Object> run(RunOperation operation, String runId, String actor) {
        try {
            JournalEntry aborted = operation.abort(runId, actor);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("runId", runId);
            result.put("state", Objects.requireNonNull(aborted.run()).state().name());
            result.put("abortedBy", aborted.actor());
            result.put("at", aborted.appliedAt());
            result.put("kind", aborted.kind());
            result.put("group", aborted.group());
            result.put("topic", aborted.topic());
            return new WebEndpointResponse<>(result);
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }
}

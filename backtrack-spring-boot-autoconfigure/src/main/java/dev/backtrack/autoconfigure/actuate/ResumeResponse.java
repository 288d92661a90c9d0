package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.operation.RunOperation;
import dev.backtrack.core.replay.SendPolicy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The endpoint's answer to {@code POST /actuator/backtrack/resume}: core's resume of a paused, failed or stopped run of
 * a replay or a redrive, rendered as JSON like the replay's answer.
 */
final class ResumeResponse {

    private ResumeResponse() {
    }

    /**
     * The request's fields as they came; null when absent. A field given overrides what the run was asked; the
     * others stay as the run was asked (no canary unless given).
     */
    record Request(@Nullable String rate, @Nullable String canary, @Nullable String pauseAbove) {
    }

    /** Resumes run {@code runId} as {@code actor}; refusals as core's {@link dev.backtrack.core.operation.Refusal}. */
    static WebEndpointResponse<Object> run(RunOperation operation, String runId, Request request, String actor) {
        try {
            SendPolicy.parse(request.rate(), request.canary(), request.pauseAbove()); // wrong values first
            RunOperation.ResumePlan plan = operation.planResume(runId);
            JournalEntry first = plan.entries().first();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kind", first.kind());
            result.put("group", first.group());
            result.put("topic", first.topic());
            result.put("sentBefore", plan.sentBefore());
            result.put("messagesToSend", plan.plan().matching());
            ReplayOutcome outcome = operation.resume(plan, actor, SendPolicy.resuming(plan.entries().run(),
                    request.rate(), request.canary(), request.pauseAbove()));
            return RunResponse.of(result, outcome, "sent", first.kind() == JournalKind.REDRIVE ? "redrive" : "replay");
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }
}

package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.operation.ReplayOutcome;
import dev.backtrack.core.replay.CanaryVerdict;
import dev.backtrack.core.replay.WindowReplayResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The part of the endpoint's answer to a replay, a redrive or a resume that says how the run went: what was sent, the
 * run's id and state, its canary, and for a run that did not finish the error and how to resume or abort it. A
 * finished run answers 200, a paused one 409 (it waits for an operator), a failed send 500.
 */
final class RunResponse {

    /** The path that resumes a run. */
    static final String RESUME_PATH = "/actuator/backtrack/resume";
    /** The path that aborts a run. */
    static final String ABORT_PATH = "/actuator/backtrack/abort";
    /** The answer to a paused run: it waits for an operator, so it is a conflict rather than a server error. */
    static final int STATUS_PAUSED = 409;

    private RunResponse() {
    }

    /**
     * {@code result} with the outcome of run {@code outcome} added, its sent messages counted under {@code sentField};
     * {@code operation} ("replay" or "redrive") names the operation in the error.
     */
    static WebEndpointResponse<Object> of(Map<String, Object> result, ReplayOutcome outcome, String sentField,
            String operation) {
        WindowReplayResult sent = outcome.result();
        result.put(sentField, sent.replayed());
        result.put("retryTopic", sent.retryTopic());
        result.put("retryOffsetsSet", sent.retryOffsetsSet());
        result.put("warnings", outcome.warnings());
        result.put("runId", outcome.runId());
        result.put("state", outcome.state().name());
        if (outcome.canary() != null) {
            result.put("canary", canary(outcome.canary()));
        }
        if (outcome.state() == RunState.FINISHED) {
            return new WebEndpointResponse<>(result);
        }
        result.put("error", "The " + operation + " " + sent.failure());
        result.put("resume", "POST " + RESUME_PATH + " with {\"id\": \"" + outcome.runId() + "\"} sends the rest "
                + "(rate, canary and pauseAbove may be given again)");
        result.put("abort", "POST " + ABORT_PATH + " with {\"id\": \"" + outcome.runId() + "\"} ends the run");
        return new WebEndpointResponse<>(result, outcome.state() == RunState.PAUSED ? STATUS_PAUSED
                : WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
    }

    /** The canary's verdict: how many were sent, whether it passed, the messages the group failed, and the wait. */
    static Map<String, Object> canary(CanaryVerdict verdict) {
        Map<String, Object> canary = new LinkedHashMap<>();
        canary.put("sent", verdict.sent());
        canary.put("passed", verdict.passed());
        canary.put("failed", verdict.failed());
        canary.put("notConsumed", verdict.notConsumed().size());
        canary.put("waitedMillis", verdict.waitedMillis());
        return canary;
    }
}

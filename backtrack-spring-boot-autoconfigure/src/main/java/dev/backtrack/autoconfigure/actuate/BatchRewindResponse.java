package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.BatchMoveFailedException;
import dev.backtrack.core.operation.BatchPlan;
import dev.backtrack.core.operation.BatchRefusedException;
import dev.backtrack.core.operation.BatchRewindOperation;
import dev.backtrack.core.operation.BatchRewindOutcome;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.BatchStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The endpoint's answer to a batch rewind ({@code allGroups} or {@code allTopics}): core's
 * {@link BatchRewindOperation}, rendered as JSON. A refused batch answers 409 with every refused pair; a batch that
 * failed part way answers the failure's status with every pair's result, never 200.
 */
final class BatchRewindResponse {

    private BatchRewindResponse() {
    }

    /** The plan ({@code dry}) or the applied batch of {@code request}. */
    static WebEndpointResponse<Object> run(BatchRewindOperation operation, BatchRewindRequest request, boolean dry) {
        BatchPlan plan;
        try {
            plan = operation.plan(request);
        } catch (BatchRefusedException e) {
            return refused(e);
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
        if (dry) {
            return new WebEndpointResponse<>(document(plan, true));
        }
        try {
            BatchRewindOutcome outcome = operation.apply(plan);
            Map<String, Object> result = document(outcome.plan(), false);
            result.put("batch", outcome.batch());
            result.put("pairs", outcome.steps().stream().map(PlanViews::of).toList());
            if (request.rate().limited()) {
                result.put("rate", request.rate().describe());
            }
            return new WebEndpointResponse<>(result);
        } catch (BatchRefusedException e) {
            return refused(e);
        } catch (BatchMoveFailedException e) {
            return failedPartWay(e);
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }

    /** A batch that failed after pairs may have moved: the failure's status, the batch id and every pair. */
    static WebEndpointResponse<Object> failedPartWay(BatchMoveFailedException failure) {
        WebEndpointResponse<Object> error = BacktrackEndpoint.refusal(failure);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", failure.getMessage());
        body.put("batch", failure.batch());
        body.put("pairs", failure.steps().stream().map(PlanViews::of).toList());
        body.put("moved", failure.steps().stream().filter(s -> s.status() == BatchStep.Status.MOVED).count());
        return new WebEndpointResponse<>(body, error.getStatus());
    }

    /** The 409 of a refused batch: the message and every refused pair with why. Nothing moved. */
    private static WebEndpointResponse<Object> refused(BatchRefusedException refusal) {
        WebEndpointResponse<Object> error = BacktrackEndpoint.refusal(refusal);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refusal.getMessage());
        body.put("refused", refusal.plan().refused());
        return new WebEndpointResponse<>(body, error.getStatus());
    }

    private static Map<String, Object> document(BatchPlan plan, boolean dry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dryRun", dry);
        result.put("scope", plan.request().scope().describe());
        result.put("groups", plan.groups());
        result.put("topics", plan.topics());
        result.put("queues", plan.queues());
        result.put("messagesToReplay", plan.messagesToReplay());
        result.put("partial", plan.partial());
        result.put("plans", plan.planned().stream().map(PlanViews::of).toList());
        result.put("refused", plan.refused());
        return result;
    }
}

package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.BatchMoveFailedException;
import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.BatchUndoOperation;
import dev.backtrack.core.operation.BatchUndoPlan;
import dev.backtrack.core.operation.ClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.UndoOperation;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The endpoint's answer to {@code POST /actuator/backtrack/undo}: core's undo of an entry, or of every rewind of a
 * batch ({@link BatchUndoOperation}), rendered as JSON.
 */
final class UndoResponse {

    private UndoResponse() {
    }

    /**
     * The plan ({@code dry}) or the applied undo of {@code id} by {@code actor}: every rewind of the batch {@code id}
     * when it is a batch id, else the entry {@code id}; refusals as the table says.
     */
    static WebEndpointResponse<Object> run(ClusterSession session, OperationObserver observer, String id, boolean dry,
            String actor) {
        BatchUndoOperation batches = new BatchUndoOperation(session, observer);
        Optional<BatchUndoPlan> batch;
        try {
            batch = batches.plan(id);
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
        if (batch.isEmpty()) {
            return run(new UndoOperation(session, observer), id, dry, actor);
        }
        BatchUndoPlan plan = batch.get();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dryRun", dry);
        result.put("undoes", id);
        result.put("batch", true);
        result.put("queues", plan.queues());
        result.put("leftOut", plan.leftOut());
        if (dry) {
            result.put("plans", plan.undos().stream().map(u -> {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("undoes", u.undone().id());
                view.put("group", u.plan().group());
                view.put("topic", u.plan().topic());
                view.put("plan", u.plan());
                view.put("notes", u.notes());
                return view;
            }).toList());
            return new WebEndpointResponse<>(result);
        }
        try {
            List<BatchStep<UndoResult>> steps = batches.apply(plan, actor);
            result.put("undoBatch", steps.get(0).result() == null ? null : steps.get(0).result().entry().batch());
            result.put("entries", steps.stream().map(PlanViews::of).toList());
            return new WebEndpointResponse<>(result);
        } catch (BatchMoveFailedException e) {
            return BatchRewindResponse.failedPartWay(e);
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }

    /** The plan ({@code dry}) or the applied undo of entry {@code id} by {@code actor}; refusals as the table says. */
    static WebEndpointResponse<Object> run(UndoOperation operation, String id, boolean dry, String actor) {
        try {
            UndoPlan undo = operation.plan(id);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("dryRun", dry);
            result.put("undoes", id);
            if (dry) {
                result.put("plan", undo.plan());
                result.put("notes", undo.notes());
                return new WebEndpointResponse<>(result);
            }
            UndoResult done = operation.apply(undo, actor);
            result.put("id", done.entry().id());
            result.put("path", done.outcome().applied().path());
            result.put("note", done.outcome().note());
            result.put("acknowledgements", done.outcome().acknowledgements());
            result.put("silentClients", done.outcome().silentClients());
            result.put("plan", undo.plan());
            result.put("verifiedOffsets", done.outcome().applied().verifiedOffsets());
            result.put("messagesToReplay", undo.plan().messagesToReplay());
            result.put("notes", undo.notes());
            result.put("warnings", done.warnings());
            return new WebEndpointResponse<>(result);
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }
}

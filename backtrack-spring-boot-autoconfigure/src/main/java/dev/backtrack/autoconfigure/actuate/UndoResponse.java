package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.UndoOperation;
import dev.backtrack.core.undo.UndoPlan;
import dev.backtrack.core.undo.UndoResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** The endpoint's answer to {@code POST /actuator/backtrack/undo}: core's undo, rendered as JSON. */
final class UndoResponse {

    private UndoResponse() {
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

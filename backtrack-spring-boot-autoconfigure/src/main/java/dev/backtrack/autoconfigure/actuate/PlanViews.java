package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.operation.BatchStep;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.undo.UndoResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the endpoint renders one topic's checked plan and one pair of a batch, shared by the batch answers. */
final class PlanViews {

    private PlanViews() {
    }

    /** A topic's plan: group, topic, the plan, and when brokers are missing the warning and the brokers. */
    static Map<String, Object> of(CheckedPlan checked) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("group", checked.plan().group());
        view.put("topic", checked.plan().topic());
        view.put("plan", checked.plan());
        view.put("messagesToReplay", checked.plan().messagesToReplay());
        BrokerCoverage coverage = checked.coverage();
        if (!coverage.complete()) {
            view.put("warning", coverage.describe(checked.plan(), RequestFields.ALLOW_PARTIAL));
            view.put("missingBrokers", coverage.missingBrokers());
        }
        return view;
    }

    /** A topic's applied rewind: its plan, its journal id, how it moved, the offsets read back and warnings. */
    static Map<String, Object> of(RewindOutcome outcome) {
        Map<String, Object> view = of(outcome.checked());
        view.put("id", outcome.entry() == null ? null : outcome.entry().id());
        if (outcome.applied() != null) {
            view.put("path", outcome.applied().applied().path());
            view.put("verifiedOffsets", outcome.applied().applied().verifiedOffsets());
        }
        view.put("warnings", outcome.warnings());
        return view;
    }

    /**
     * A pair of a batch rewind or of the undo of a batch: group, topic, status ({@code MOVED}, {@code FAILED},
     * {@code NOT_ATTEMPTED}), and the journal id, path and offsets read back of a move, or the reason of a failure.
     */
    static Map<String, Object> of(BatchStep<?> step) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("group", step.group());
        view.put("topic", step.topic());
        view.put("status", step.status());
        if (step.result() instanceof RewindOutcome done && done.applied() != null) {
            view.put("id", done.entry() == null ? null : done.entry().id());
            view.put("path", done.applied().applied().path());
            view.put("verifiedOffsets", done.applied().applied().verifiedOffsets());
            view.put("warnings", done.warnings());
        } else if (step.result() instanceof UndoResult done) {
            view.put("id", done.entry().id());
            view.put("undoes", done.entry().undoes());
            view.put("path", done.outcome().applied().path());
            view.put("verifiedOffsets", done.outcome().applied().verifiedOffsets());
            view.put("warnings", done.warnings());
        }
        if (step.reason() != null) {
            view.put("reason", step.reason());
        }
        return view;
    }
}

package dev.backtrack.autoconfigure.actuate;

import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.snapshot.ExportOperation;
import dev.backtrack.core.snapshot.GroupOffsets;
import dev.backtrack.core.snapshot.ImportOperation;
import dev.backtrack.core.snapshot.OffsetsCsv;
import dev.backtrack.core.snapshot.RestoreOperation;
import dev.backtrack.core.snapshot.RestorePlan;
import dev.backtrack.core.snapshot.Snapshot;
import dev.backtrack.core.snapshot.SnapshotOperation;
import dev.backtrack.core.snapshot.SnapshotRequest;
import dev.backtrack.core.snapshot.TopicPlans;
import dev.backtrack.core.snapshot.TopicsOutcome;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The endpoint's answers to {@code POST /actuator/backtrack/snapshot}, {@code restore}, {@code export} and
 * {@code import}: core's {@link SnapshotOperation}, {@link RestoreOperation}, {@link ExportOperation} and
 * {@link ImportOperation}, rendered as JSON. Every one is recorded in the journal with the user's name.
 */
final class SnapshotResponse {

    /** How the endpoint's import names the text it was given, in errors and in the journal. */
    static final String CSV_SOURCE = "field 'csv'";
    /** How the journal names an export answered by the endpoint. */
    static final String EXPORT_TARGET = "answered by the endpoint";

    private final KeptClusterSession session;
    private final OperationObserver observer;
    private final String actor;

    /** Works through {@code session} for {@code actor}, telling {@code observer} about every move. */
    SnapshotResponse(KeptClusterSession session, OperationObserver observer, String actor) {
        this.session = session;
        this.observer = observer;
        this.actor = actor;
    }

    /** The topics of a {@code topics} field ({@code orders,refunds}); empty (every topic) when absent. */
    static List<String> topics(@Nullable String topics) {
        return topics == null ? List.of() : Arrays.stream(topics.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
    }

    /** Records the snapshot of {@code group} on {@code topics} under {@code name} (nothing moves). */
    WebEndpointResponse<Object> snapshot(String group, List<String> topics, @Nullable String name) {
        return answer(() -> {
            Snapshot snapshot = new SnapshotOperation(session, session.admin())
                    .take(new SnapshotRequest(group, topics, name == null || name.isBlank() ? null : name.strip(),
                            actor));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("snapshot", snapshot.label());
            result.put("batch", snapshot.batch());
            result.put("name", snapshot.name());
            result.put("group", snapshot.group());
            result.put("topics", snapshot.topics());
            result.put("queues", snapshot.queueCount());
            result.put("entries", snapshot.entries());
            return result;
        });
    }

    /** Plans ({@code dry}) or applies the restore of the snapshot {@code id} (a name of {@code group}, or an id). */
    WebEndpointResponse<Object> restore(String id, @Nullable String group, boolean dry, boolean allowPartial) {
        return answer(() -> {
            RestoreOperation restores = new RestoreOperation(session, observer);
            RestorePlan restore = restores.plan(id, group);
            Snapshot kept = restore.snapshot();
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("label", kept.label());
            snapshot.put("batch", kept.batch());
            snapshot.put("takenAt", kept.takenAt());
            snapshot.put("actor", kept.actor());
            Map<String, Object> result = dry ? planned(restore.plans()) : applied(restore.plans(),
                    restores.apply(restore, actor, allowPartial, RequestFields.ALLOW_PARTIAL));
            result.put("snapshot", snapshot);
            return result;
        });
    }

    /** The committed offsets of {@code group} on {@code topics} as the offsets file's text; records the export. */
    WebEndpointResponse<Object> export(String group, List<String> topics) {
        return answer(() -> {
            ExportOperation exports = new ExportOperation(session, session.admin());
            GroupOffsets offsets = exports.read(group, topics);
            String csv = OffsetsCsv.write(offsets);
            List<JournalEntry> entries = exports.record(offsets, EXPORT_TARGET, actor);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("group", group);
            result.put("batch", entries.get(0).batch());
            result.put("topics", offsets.offsets().keySet());
            result.put("rows", offsets.queueCount());
            result.put("csv", csv);
            return result;
        });
    }

    /**
     * Plans ({@code dry}) or applies the offsets file {@code csv} for {@code group}: every row is checked first (400
     * naming each wrong line), then only the queues it names move.
     */
    WebEndpointResponse<Object> importCsv(String group, String csv, boolean dry, boolean allowPartial) {
        return answer(() -> {
            ImportOperation imports = new ImportOperation(session, observer);
            TopicPlans plans = imports.plan(group, OffsetsCsv.parse(csv, CSV_SOURCE));
            return dry ? planned(plans)
                    : applied(plans, imports.apply(plans, actor, allowPartial, RequestFields.ALLOW_PARTIAL));
        });
    }

    private static Map<String, Object> planned(TopicPlans plans) {
        Map<String, Object> result = summary(plans, true);
        result.put("topics", plans.plans().stream().map(PlanViews::of).toList());
        return result;
    }

    private static Map<String, Object> applied(TopicPlans plans, TopicsOutcome outcome) {
        Map<String, Object> result = summary(plans, false);
        result.put("batch", outcome.batch());
        result.put("topics", outcome.outcomes().stream().map(PlanViews::of).toList());
        result.put("warnings", outcome.warnings());
        return result;
    }

    private static Map<String, Object> summary(TopicPlans plans, boolean dry) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("dryRun", dry);
        result.put("group", plans.group());
        result.put("asked", plans.asked());
        result.put("queues", plans.queueCount());
        result.put("messagesToReplay", plans.messagesToReplay());
        result.put("messagesToSkip", plans.messagesToSkip());
        result.put("partial", !plans.complete());
        return result;
    }

    /** The answer {@code work} makes, or the refusal of what it threw. */
    private static WebEndpointResponse<Object> answer(Supplier<Map<String, Object>> work) {
        try {
            return new WebEndpointResponse<>(work.get());
        } catch (RuntimeException e) {
            return BacktrackEndpoint.refusal(e);
        }
    }
}

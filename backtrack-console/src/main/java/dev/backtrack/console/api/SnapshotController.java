package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.console.rewind.ConsoleRestore;
import dev.backtrack.console.rewind.ConsoleSnapshots;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.snapshot.RestorePlan;
import dev.backtrack.core.snapshot.Snapshot;
import dev.backtrack.core.snapshot.TopicPlans;
import dev.backtrack.core.snapshot.TopicsOutcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Snapshots of a group's positions, beside its rewinds: {@code GET /api/snapshots}, {@code POST /api/snapshots},
 * {@code POST /api/snapshots/ID/plan} and {@code /api/snapshots/ID/restore}; the offsets file:
 * {@code POST /api/snapshots/export}, {@code /api/snapshots/import/plan} and {@code /api/snapshots/import}. The work
 * is core's, through {@link ConsoleSnapshots}.
 */
@RestController
public class SnapshotController {

    /** How the console names an uploaded offsets file in messages and in the journal. */
    private static final String UPLOADED = "(uploaded in the console)";

    private final ConsoleCluster cluster;
    private final ConsoleSnapshots snapshots;
    private final ConsoleInputs inputs;

    /** Keeps and restores through {@code snapshots}, listing from {@code cluster}'s journal. */
    public SnapshotController(ConsoleCluster cluster, ConsoleSnapshots snapshots, ConsoleInputs inputs) {
        this.cluster = cluster;
        this.snapshots = snapshots;
        this.inputs = inputs;
    }

    /** What the UI sends to keep positions: the group, optionally topics ({@code a,b}; all when absent), a name. */
    public record SnapshotRequest(@Nullable String group, @Nullable String topics, @Nullable String name) {
    }

    /** What the UI sends to plan or restore: optionally the group (to find a name), the group typed again. */
    public record RestoreRequest(@Nullable String group, @Nullable String confirm, @Nullable String allowPartial) {
    }

    /** A snapshot or an export: its id (the batch id), name, group, who and when, and per topic how many queues. */
    public record SnapshotView(String id, String kind, @Nullable String name, String group, String actor,
            long takenAt, List<String> topics, int queues) {
    }

    /** One topic of a restore plan. */
    public record TopicRestore(String topic, List<RewindController.QueuePlan> queues, long messagesToReplay,
            long messagesToSkip, List<String> warnings) {
    }

    /** A restore plan: per topic what each queue would replay or skip; {@code confirmWith} is the group's name. */
    public record RestorePlanView(SnapshotView snapshot, String confirmWith, List<TopicRestore> topics,
            long messagesToReplay, long messagesToSkip, boolean complete) {
    }

    /** A restore applied: the batch id of its REWIND entries, and per topic the journal id and queues read back. */
    public record RestoreView(String batch, SnapshotView snapshot, List<TopicRestored> topics, List<String> warnings) {
    }

    /** One topic restored. */
    public record TopicRestored(String topic, @Nullable String entry, List<RewindController.QueueMoved> queues) {
    }

    /** The snapshots and exports of {@code group} (every group's when absent), newest first. */
    @GetMapping(Api.BASE + "/snapshots")
    public List<SnapshotView> list(@RequestParam(required = false) @Nullable String group) {
        String only = inputs.optionalGroup(group);
        Map<String, List<JournalEntry>> batches = new LinkedHashMap<>();
        for (JournalEntry e : cluster.journalEntries()) {
            boolean kept = e.kind() == JournalKind.SNAPSHOT || e.kind() == JournalKind.EXPORT;
            if (kept && (only == null || only.equals(e.group()))) {
                batches.computeIfAbsent(e.batch() != null ? e.batch() : String.valueOf(e.id()), b -> new ArrayList<>())
                        .add(e);
            }
        }
        List<SnapshotView> views = new ArrayList<>(batches.entrySet().stream().map(b -> view(b.getKey(),
                b.getValue())).toList());
        views.sort((a, b) -> Long.compare(b.takenAt(), a.takenAt()));
        return views;
    }

    /** Keeps the group's committed offsets; recorded with the user. Nothing moves. */
    @PostMapping(Api.BASE + "/snapshots")
    public SnapshotView take(@RequestBody SnapshotRequest request, Authentication user) {
        String group = inputs.group(request.group());
        List<String> topics = topics(request.topics());
        String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
        return view(snapshots.take(group, topics, name, user.getName()));
    }

    /** The plan restoring the snapshot {@code id} (its id, or its name with the group); nothing moves. */
    @PostMapping(Api.BASE + "/snapshots/{id}/plan")
    public RestorePlanView plan(@PathVariable String id,
            @RequestBody(required = false) @Nullable RestoreRequest request) {
        RestorePlan restore = snapshots.plan(id, request == null ? null : inputs.optionalGroup(request.group()));
        List<TopicRestore> topics = restore.plans().plans().stream().map(SnapshotController::topic).toList();
        return new RestorePlanView(view(restore.snapshot()), restore.snapshot().group(), topics,
                restore.plans().messagesToReplay(), restore.plans().messagesToSkip(), restore.plans().complete());
    }

    /** Restores the snapshot when {@code confirm} is its group's name; recorded as REWIND entries with the user. */
    @PostMapping(Api.BASE + "/snapshots/{id}/restore")
    public RestoreView restore(@PathVariable String id, @RequestBody(required = false) @Nullable RestoreRequest request,
            Authentication user) {
        String group = request == null ? null : inputs.optionalGroup(request.group());
        String confirm = request == null || request.confirm() == null ? "" : request.confirm();
        boolean allowPartial = RequestFields.allowPartial(request == null ? null : request.allowPartial());
        ConsoleRestore done = snapshots.restore(id, group, confirm, allowPartial, user.getName());
        TopicsOutcome outcome = done.outcome();
        return new RestoreView(outcome.batch(), view(done.plan().snapshot()), outcome.outcomes().stream()
                .map(SnapshotController::restored).toList(), outcome.warnings());
    }

    /** What the UI sends to export: the group and optionally topics ({@code a,b}; all when absent). */
    public record ExportRequest(@Nullable String group, @Nullable String topics) {
    }

    /** What the UI sends to import: the group, the file's text, for the import the group typed again. */
    public record ImportRequest(@Nullable String group, @Nullable String csv, @Nullable String confirm,
            @Nullable String allowPartial) {
    }

    /** An import's plan: per topic what each queue of the file would replay or skip. */
    public record ImportPlanView(String group, String confirmWith, List<TopicRestore> topics, long messagesToReplay,
            long messagesToSkip, boolean complete) {
    }

    /** An import applied: the batch id of its REWIND entries, per topic the journal id and queues read back. */
    public record ImportView(String batch, String group, List<TopicRestored> topics, List<String> warnings) {
    }

    /**
     * The offsets file ({@code topic,broker,queue,offset}, text/csv) of the group's committed offsets, recorded in the
     * journal as an EXPORT with the user; nothing moves.
     */
    @PostMapping(Api.BASE + "/snapshots/export")
    public ResponseEntity<String> export(@RequestBody ExportRequest request, Authentication user) {
        String group = inputs.group(request.group());
        String file = group + "-offsets.csv";
        String text = snapshots.export(group, topics(request.topics()), "console download " + file, user.getName());
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"").body(text);
    }

    /** The plan putting the group at the offsets of the file; nothing moves. */
    @PostMapping(Api.BASE + "/snapshots/import/plan")
    public ImportPlanView importPlan(@RequestBody ImportRequest request) {
        String group = inputs.group(request.group());
        TopicPlans plans = snapshots.importPlan(group, request.csv() == null ? "" : request.csv(), UPLOADED);
        return new ImportPlanView(group, group, plans.plans().stream().map(SnapshotController::topic).toList(),
                plans.messagesToReplay(), plans.messagesToSkip(), plans.complete());
    }

    /** Puts the group at the offsets of the file when {@code confirm} is its name; REWIND entries with the user. */
    @PostMapping(Api.BASE + "/snapshots/import")
    public ImportView importFile(@RequestBody ImportRequest request, Authentication user) {
        String group = inputs.group(request.group());
        TopicsOutcome outcome = snapshots.importFile(group, request.csv() == null ? "" : request.csv(), UPLOADED,
                request.confirm() == null ? "" : request.confirm(), RequestFields.allowPartial(request.allowPartial()),
                user.getName());
        return new ImportView(outcome.batch(), group, outcome.outcomes().stream().map(SnapshotController::restored)
                .toList(), outcome.warnings());
    }

    private List<String> topics(@Nullable String topics) {
        return topics == null || topics.isBlank() ? List.of() : Arrays.stream(topics.split(",")).map(String::strip)
                .filter(t -> !t.isEmpty()).map(inputs::topic).toList();
    }

    private static TopicRestored restored(RewindOutcome o) {
        return new TopicRestored(o.checked().plan().topic(), o.entry() == null ? null : o.entry().id(),
                o.applied() == null ? List.of() : RewindController.queuesMoved(o.applied()));
    }

    private static TopicRestore topic(CheckedPlan checked) {
        RewindPlan p = checked.plan();
        return new TopicRestore(p.topic(), p.queues().stream().map(RewindController::queue).toList(),
                p.messagesToReplay(), p.messagesToSkip(), RewindController.warnings(checked));
    }

    private static SnapshotView view(Snapshot s) {
        return new SnapshotView(s.batch(), JournalKind.SNAPSHOT.name(), s.name(), s.group(), s.actor(), s.takenAt(),
                s.topics(), s.queueCount());
    }

    private static SnapshotView view(String batch, List<JournalEntry> entries) {
        JournalEntry first = entries.get(0);
        return new SnapshotView(batch, first.kind().name(), first.name(), first.group(), first.actor(),
                first.appliedAt(), entries.stream().map(JournalEntry::topic).toList(),
                entries.stream().mapToInt(e -> e.queues().size()).sum());
    }
}

package dev.backtrack.console.rewind;

import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.console.cluster.ConsoleCluster;
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
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The console's side of core's snapshots: keep a group's positions ({@link SnapshotOperation}), and restore them
 * after the operator typed the group's name ({@link RestoreOperation}); export them as an offsets file
 * ({@link ExportOperation}) and import one ({@link ImportOperation}); on the console's kept cluster session.
 */
public class ConsoleSnapshots {

    private final ConsoleCluster cluster;
    private final Supplier<RewindObserver> observer;

    /** Works on the console's cluster, telling {@code observer} (the application's metrics) about each move. */
    public ConsoleSnapshots(ConsoleCluster cluster, Supplier<RewindObserver> observer) {
        this.cluster = cluster;
        this.observer = observer;
    }

    /** Keeps the committed offsets of {@code group} on {@code topics} (every topic it consumes when empty). */
    public Snapshot take(String group, List<String> topics, @Nullable String name, String actor) {
        return new SnapshotOperation(cluster, cluster.admin()).take(new SnapshotRequest(group, topics, name, actor));
    }

    /** The plan restoring the snapshot {@code nameOrId} (a name of {@code group}, or a batch or entry id). */
    public RestorePlan plan(String nameOrId, @Nullable String group) {
        return restores().plan(nameOrId, group);
    }

    /**
     * Restores the snapshot when {@code confirm} is its group's name, planned again now; recorded as REWIND entries
     * of a new batch by {@code actor}.
     */
    public ConsoleRestore restore(String nameOrId, @Nullable String group, String confirm, boolean allowPartial,
            String actor) {
        RestoreOperation restores = restores();
        RestorePlan plan = restores.plan(nameOrId, group);
        ConsoleRewinder.requireConfirmed(plan.snapshot().group(), confirm);
        return new ConsoleRestore(plan, restores.apply(plan, actor, allowPartial, ConsoleRewinder.ALLOW_PARTIAL));
    }

    /**
     * The offsets file ({@code topic,broker,queue,offset}) of the committed offsets of {@code group} on {@code topics}
     * (every topic it consumes when empty), recorded as an export to {@code file} by {@code actor}.
     */
    public String export(String group, List<String> topics, String file, String actor) {
        ExportOperation exports = new ExportOperation(cluster, cluster.admin());
        GroupOffsets offsets = exports.read(group, topics);
        String text = OffsetsCsv.write(offsets);
        exports.record(offsets, file, actor);
        return text;
    }

    /** The plans putting {@code group} at the offsets of the file {@code text} (named {@code source}). */
    public TopicPlans importPlan(String group, String text, String source) {
        return new ImportOperation(cluster, observer.get()).plan(group, OffsetsCsv.parse(text, source));
    }

    /** Puts {@code group} at the offsets of the file when {@code confirm} is its name, planned again now. */
    public TopicsOutcome importFile(String group, String text, String source, String confirm, boolean allowPartial,
            String actor) {
        ConsoleRewinder.requireConfirmed(group, confirm);
        ImportOperation imports = new ImportOperation(cluster, observer.get());
        return imports.apply(imports.plan(group, OffsetsCsv.parse(text, source)), actor, allowPartial,
                ConsoleRewinder.ALLOW_PARTIAL);
    }

    private RestoreOperation restores() {
        return new RestoreOperation(cluster, observer.get());
    }
}

package dev.backtrack.core.snapshot;

import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.ClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a snapshot: every topic it kept is planned to its offsets (an offset now outside a queue's retained range
 * clamped, with a note), all of them checked before anything moves, then each moved through
 * {@link RewindOperation} (in place where instances run the starter, read back) and journaled as a REWIND whose
 * requested text names the snapshot, the topics' entries sharing a new batch id.
 */
public final class RestoreOperation {

    private static final Logger log = LoggerFactory.getLogger(RestoreOperation.class);

    private final ClusterSession session;
    private final TopicPlansMove moves;

    /** Works through {@code session}, telling {@code observer} about every applied or failed move. */
    public RestoreOperation(ClusterSession session, OperationObserver observer) {
        this.session = session;
        this.moves = new TopicPlansMove(new RewindOperation(session, observer));
    }

    /**
     * The plans restoring the snapshot {@code nameOrId} (a name, of {@code group} when given, or a batch or entry
     * id): what each queue would replay or skip. Nothing moves. Fails when there is no such snapshot.
     */
    public RestorePlan plan(String nameOrId, @Nullable String group) {
        Snapshot snapshot = new SnapshotLookup(session.journalEntries()).find(nameOrId, group);
        String asked = "snapshot " + snapshot.label();
        List<CheckedPlan> plans = new ArrayList<>();
        for (JournalEntry entry : snapshot.entries()) {
            plans.add(moves.plan(snapshot.group(), entry.topic(), Snapshot.offsets(entry), asked));
        }
        return new RestorePlan(snapshot, new TopicPlans(snapshot.group(), asked, plans));
    }

    /**
     * Applies {@code restore} as {@code actor}; refused before anything moves when a plan misses brokers and
     * {@code allowPartial} is false ({@code allowPartialHint} names how to allow it).
     */
    public TopicsOutcome apply(RestorePlan restore, String actor, boolean allowPartial, String allowPartialHint) {
        TopicsOutcome outcome = moves.apply(restore.plans(), actor, allowPartial, allowPartialHint,
                "The restore of snapshot " + restore.snapshot().label());
        log.info("Backtrack: {} restored snapshot {} of group {} on topics {} (batch {})", actor,
                restore.snapshot().label(), restore.snapshot().group(), restore.snapshot().topics(), outcome.batch());
        return outcome;
    }
}

package dev.backtrack.core.snapshot;

import dev.backtrack.core.journal.JournalIds;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.PartialRewindException;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.operation.RewindOutcome;
import dev.backtrack.core.operation.RewindRequest;
import dev.backtrack.core.position.PositionRequest.ToOffsets;
import dev.backtrack.core.position.QueueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Plans a group on several topics to explicit offsets per queue, and applies the plans as one batch through
 * {@link RewindOperation}: every topic is planned and checked before anything moves, and a refusal of one refuses
 * them all.
 */
final class TopicPlansMove {

    private final RewindOperation rewinds;

    TopicPlansMove(RewindOperation rewinds) {
        this.rewinds = rewinds;
    }

    /** The plan of one topic to {@code offsets} (other queues do not move), shown and recorded as {@code asked}. */
    CheckedPlan plan(String group, String topic, SortedMap<QueueRef, Long> offsets, String asked) {
        CheckedPlan checked = rewinds.plan(group, topic, new ToOffsets(offsets), Set.of());
        return new CheckedPlan(checked.plan().describedAs(asked), checked.coverage());
    }

    /**
     * Applies every plan as {@code actor}, sharing a new batch id. Refused with a {@link PartialRewindException},
     * before anything moves, when a plan misses brokers and {@code allowPartial} is false; fails with an
     * {@link IncompleteMoveException} when a topic fails after others moved.
     */
    TopicsOutcome apply(TopicPlans plans, String actor, boolean allowPartial, String allowPartialHint, String what) {
        for (CheckedPlan checked : plans.plans()) {
            if (!checked.coverage().complete() && !allowPartial) {
                throw new PartialRewindException(checked, allowPartialHint);
            }
        }
        String batch = JournalIds.newId();
        List<RewindOutcome> done = new ArrayList<>();
        for (int i = 0; i < plans.plans().size(); i++) {
            CheckedPlan checked = plans.plans().get(i);
            try {
                done.add(rewinds.apply(checked, request(checked, actor, allowPartial, allowPartialHint), batch));
            } catch (RuntimeException e) {
                if (done.isEmpty()) {
                    throw e;
                }
                List<String> rest = plans.plans().subList(i + 1, plans.plans().size()).stream()
                        .map(p -> p.plan().topic()).toList();
                throw new IncompleteMoveException(what, done, checked.plan().topic(), rest, e);
            }
        }
        return new TopicsOutcome(batch, done);
    }

    /** The request a plan is applied under (its position is the plan's, already made). */
    private static RewindRequest request(CheckedPlan checked, String actor, boolean allowPartial, String hint) {
        return new RewindRequest(checked.plan().group(), checked.plan().topic(), new ToOffsets(new TreeMap<>()),
                Set.of(), false, allowPartial, actor, hint);
    }
}

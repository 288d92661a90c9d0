package dev.backtrack.core.snapshot;

import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqNames;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.ClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.position.QueueRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an offsets file: every row is checked against the cluster (a known topic, a queue the topic has) and every
 * topic planned before anything moves; then each topic's rows are applied as explicit offsets through
 * {@link RewindOperation} (the queues without a row do not move; an offset outside a queue's range is clamped, with a
 * note), journaled as REWIND entries sharing a batch id.
 */
public final class ImportOperation {

    private static final Logger log = LoggerFactory.getLogger(ImportOperation.class);

    private final ClusterSession session;
    private final TopicPlansMove moves;

    /** Works through {@code session}, telling {@code observer} about every applied or failed move. */
    public ImportOperation(ClusterSession session, OperationObserver observer) {
        this.session = session;
        this.moves = new TopicPlansMove(new RewindOperation(session, observer));
    }

    /**
     * The plans putting {@code group} at the offsets of {@code file}; fails, before anything moves, listing every row
     * that names an unknown topic or a queue its topic lacks.
     */
    public TopicPlans plan(String group, OffsetFile file) {
        RocketMqNames.requireGroup(group);
        Map<String, List<OffsetRow>> topics = file.byTopic();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<OffsetRow>> topic : topics.entrySet()) {
            checkRoute(topic.getKey(), topic.getValue(), problems);
        }
        OffsetsCsv.requireNone(file.source(), problems);
        String asked = "file " + file.source();
        List<CheckedPlan> plans = new ArrayList<>();
        topics.forEach((topic, rows) -> {
            SortedMap<QueueRef, Long> offsets = new TreeMap<>();
            rows.forEach(row -> offsets.put(row.queue(), row.offset()));
            plans.add(moves.plan(group, topic, offsets, asked));
        });
        return new TopicPlans(group, asked, plans);
    }

    /**
     * Applies {@code plans} as {@code actor}; refused before anything moves when a plan misses brokers and
     * {@code allowPartial} is false ({@code allowPartialHint} names how to allow it).
     */
    public TopicsOutcome apply(TopicPlans plans, String actor, boolean allowPartial, String allowPartialHint) {
        TopicsOutcome outcome = moves.apply(plans, actor, allowPartial, allowPartialHint,
                "The import of " + plans.asked());
        log.info("Backtrack: {} imported {} for group {} (batch {})", actor, plans.asked(), plans.group(),
                outcome.batch());
        return outcome;
    }

    /** Adds a problem for each row whose topic is unknown, or whose queue the topic does not have. */
    private void checkRoute(String topic, List<OffsetRow> rows, List<String> problems) {
        List<QueueAddress> route;
        try {
            route = session.admin().queues(topic);
        } catch (UnknownTopicException e) {
            rows.forEach(row -> problems.add("line " + row.line() + ": topic " + topic + " is not found on the "
                    + "cluster; accepted: a topic of the cluster"));
            return;
        }
        TreeSet<QueueRef> queues = new TreeSet<>(route.stream().map(q -> QueueRef.of(q.queue())).toList());
        for (OffsetRow row : rows) {
            if (!queues.contains(row.queue())) {
                problems.add("line " + row.line() + ": topic " + topic + " has no queue " + row.queue()
                        + "; accepted: one of its queues (" + String.join(", ", queues.stream()
                                .map(QueueRef::toString).toList()) + ")");
            }
        }
    }
}

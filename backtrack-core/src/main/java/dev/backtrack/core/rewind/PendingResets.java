package dev.backtrack.core.rewind;

import dev.backtrack.core.cluster.OffsetWriting;
import dev.backtrack.core.cluster.QueuePositions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes offsets written directly stick where the broker ignored them. A RocketMQ 5 broker acknowledges but ignores
 * UPDATE_CONSUMER_OFFSET for a queue while a broker-driven reset of it waits for a consumer's pull (and then hands out
 * that reset's offset); a consumer that has just connected may also commit its own offset over a write. A new
 * broker-driven reset to the target replaces the pending one in both cases.
 */
public final class PendingResets {

    private static final Logger log = LoggerFactory.getLogger(PendingResets.class);

    private PendingResets() {
    }

    /**
     * Reads back once the queues of {@code plan} that {@code written} names (just written directly) and resets each
     * one that does not hold its target through its broker, where the broker resets on the server side; returns the
     * queues that did not hold their target. Brokers that reset on the client side are left alone: the verification
     * that follows names their queues.
     */
    public static <A extends QueuePositions & OffsetWriting> List<OffsetMismatch> redoIgnoredWrites(A admin,
            RewindPlan plan, Collection<QueueRewind> written) {
        RewindPlan reread = new RewindPlan(plan.group(), plan.topic(), plan.requestedTimestamp(), List.copyOf(written),
                0, 0, false, null, false);
        List<OffsetMismatch> missed = OffsetVerifier.readBack(admin, reread, new LinkedHashMap<>());
        if (missed.isEmpty()) {
            return missed;
        }
        List<QueueRewind> again = written.stream().filter(q -> missed.stream()
                .anyMatch(m -> m.broker().equals(q.broker()) && m.queueId() == q.queueId())).toList();
        TreeMap<String, Boolean> serverSide = new TreeMap<>();
        again.forEach(q -> serverSide.computeIfAbsent(q.brokerAddress(), admin::resetsOnServerSide));
        List<String> clientSide = serverSide.entrySet().stream().filter(b -> !b.getValue()).map(Map.Entry::getKey)
                .toList();
        log.warn("Group {} on topic {}: {} queue(s) did not take the written offset ({}); resetting them through the "
                + "brokers{}", plan.group(), plan.topic(), missed.size(),
                String.join("; ", missed.stream().map(OffsetMismatch::describe).toList()),
                clientSide.isEmpty() ? "" : " except " + String.join(", ", clientSide) + " (no server-side reset)");
        admin.resetThroughBrokers(plan.group(), RewindApplier.targets(plan,
                again.stream().filter(q -> serverSide.get(q.brokerAddress())).toList()));
        return missed;
    }
}

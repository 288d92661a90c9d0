package dev.backtrack.test;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ledger of a replay test: every delivery a consumer got (message id and time), compared with the ids a plain
 * producer sent ({@link SentMessages}) as sets: what was lost, what was replayed that should not have been, and what
 * was delivered more than once (counted and reported, never hidden). Thread-safe: listeners record from their
 * threads.
 */
public final class DeliveryLedger {

    /** One delivery: the message's id (as the test keys it) and when it came, epoch milliseconds. */
    public record Delivery(String id, long at) {
    }

    /**
     * The ledger against what was expected.
     *
     * @param lost expected ids never delivered
     * @param unexpected ids delivered that were sent but not expected (replayed although they should not be)
     * @param duplicates ids delivered more than once, with how many times
     */
    public record Comparison(Set<String> lost, Set<String> unexpected, Map<String, Integer> duplicates) {

        /** Whether nothing was lost, nothing unexpected came and nothing came twice. */
        public boolean exact() {
            return lost.isEmpty() && unexpected.isEmpty() && duplicates.isEmpty();
        }

        /** The counts, for an assertion's description: {@code lost 0, unexpected 0, delivered more than once 0}. */
        @Override
        public String toString() {
            return "lost " + lost.size() + " " + first(lost) + ", unexpected " + unexpected.size() + " "
                    + first(unexpected) + ", delivered more than once " + duplicates.size() + " "
                    + first(duplicates.keySet());
        }

        private static String first(Collection<String> ids) {
            return ids.stream().limit(5).toList().toString();
        }
    }

    private final ConcurrentLinkedQueue<Delivery> log = new ConcurrentLinkedQueue<>();

    /** Records a delivery of {@code id} now. */
    public void delivered(String id) {
        delivered(id, System.currentTimeMillis());
    }

    /** Records a delivery of {@code id} at {@code at} (epoch milliseconds). */
    public void delivered(String id, long at) {
        log.add(new Delivery(id, at));
    }

    /** Every delivery so far, in the order recorded. */
    public List<Delivery> log() {
        return List.copyOf(log);
    }

    /** Deliveries per id so far. */
    public Map<String, Integer> deliveries() {
        return deliveriesSince(Long.MIN_VALUE);
    }

    /** Whether every one of {@code ids} was delivered at least once. */
    public boolean receivedAll(Collection<String> ids) {
        return deliveries().keySet().containsAll(ids);
    }

    /** The ids delivered more than once, with their counts. */
    public Map<String, Integer> repeated() {
        Map<String, Integer> repeated = new TreeMap<>();
        deliveries().forEach((id, count) -> {
            if (count > 1) {
                repeated.put(id, count);
            }
        });
        return repeated;
    }

    /**
     * The deliveries at or after {@code since} against {@code expected} of the ids {@code sent}: lost are expected ids
     * not delivered, unexpected are sent ids delivered although not expected; ids the test did not send are ignored.
     */
    public Comparison compare(Collection<String> sent, Collection<String> expected, long since) {
        Set<String> sentIds = Set.copyOf(sent);
        Map<String, Integer> delivered = deliveriesSince(since);
        Set<String> lost = new TreeSet<>(expected);
        lost.removeAll(delivered.keySet());
        Set<String> unexpected = new TreeSet<>(delivered.keySet());
        unexpected.retainAll(sentIds);
        unexpected.removeAll(expected);
        Map<String, Integer> duplicates = new TreeMap<>();
        delivered.forEach((id, count) -> {
            if (count > 1 && sentIds.contains(id)) {
                duplicates.put(id, count);
            }
        });
        return new Comparison(Set.copyOf(lost), Set.copyOf(unexpected), Map.copyOf(duplicates));
    }

    private Map<String, Integer> deliveriesSince(long since) {
        Map<String, Integer> counts = new HashMap<>();
        for (Delivery delivery : log) {
            if (delivery.at() >= since) {
                counts.merge(delivery.id(), 1, Integer::sum);
            }
        }
        return counts;
    }
}

package dev.backtrack.core.rewind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Every delivery a consumer's listener saw, with when and from which queue offset (for exactness checks in tests). */
final class DeliveryLog {

    /** One delivery of the message {@code label} stored at {@code queueId}/{@code offset}, seen at {@code at}. */
    record Delivery(String label, String broker, int queueId, long offset, long at) {
    }

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    void record(String label, String broker, int queueId, long offset) {
        deliveries.add(new Delivery(label, broker, queueId, offset, System.currentTimeMillis()));
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    boolean receivedAll(Set<String> labels) {
        return deliveries.stream().map(Delivery::label).collect(Collectors.toSet()).containsAll(labels);
    }

    /** Deliveries per label. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        deliveries.forEach(d -> counts.merge(d.label(), 1, Integer::sum));
        return counts;
    }

    /** Deliveries per label at or after {@code since}. */
    Map<String, Integer> countsSince(long since) {
        Map<String, Integer> counts = new HashMap<>();
        deliveries.stream().filter(d -> d.at() >= since).forEach(d -> counts.merge(d.label(), 1, Integer::sum));
        return counts;
    }

    /** When each label was first delivered. */
    Map<String, Long> firstDeliveries() {
        Map<String, Long> first = new HashMap<>();
        deliveries.forEach(d -> first.putIfAbsent(d.label(), d.at()));
        return first;
    }
}

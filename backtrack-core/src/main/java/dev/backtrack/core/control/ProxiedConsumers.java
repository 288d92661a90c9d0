package dev.backtrack.core.control;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Says how a rewind reached a group's consumers that a RocketMQ proxy serves (gRPC clients). */
final class ProxiedConsumers {

    private ProxiedConsumers() {
    }

    /** The note of a rewind applied through the brokers because of the {@code proxied} clients (id to proxy). */
    static String note(Map<String, String> proxied, List<String> others) {
        Map<String, List<String>> byProxy = new TreeMap<>(proxied.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList()))));
        String served = byProxy.entrySet().stream()
                .map(e -> e.getValue().stream().sorted().collect(Collectors.joining(", ")) + " through proxy "
                        + e.getKey())
                .collect(Collectors.joining("; "));
        String rest = others.isEmpty() ? "" : " (and " + others.size() + " consumer(s) connected to the brokers: "
                + String.join(", ", others) + ", not ordered in place)";
        return "consumer(s) online as gRPC clients: " + served + rest + ": reset through the brokers (they "
                + "receive by pop; the brokers hand the new offsets to their next receive)";
    }
}

package dev.backtrack.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Refusal to move a group while consumers of it receive through a RocketMQ proxy (gRPC clients): the proxy serves them
 * by pop, and a reset through the brokers while they receive is not exact.
 */
public class ProxiedConsumersException extends RewindException {

    private static final int QUOTED = 100;

    private final String group;

    /** Creates the refusal for {@code group}, whose {@code clients} (client id to proxy address) are online. */
    public ProxiedConsumersException(String group, Map<String, String> clients) {
        super("Group '" + group + "' has consumers online as gRPC clients (rocketmq-client-java) through " + served(clients)
                + ": the proxy serves them by pop, and a reset through the brokers while they receive is not exact "
                + "(messages from the new position can come twice or three times, or a receive overwrites the reset). "
                + "Nothing was changed. Stop the group's gRPC consumers (until the proxy lists none), rewind, and "
                + "start them again: they then receive exactly the messages stored from the new position");
        this.group = group;
    }

    /** The refused group. */
    public String group() {
        return group;
    }

    /** The clients by proxy, as messages name them: "proxy HOST:PORT (N client(s): ID, ...)", proxies sorted. */
    public static String served(Map<String, String> clients) {
        Map<String, List<String>> byProxy = new TreeMap<>(clients.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList()))));
        return byProxy.entrySet().stream()
                .map(e -> "proxy " + e.getKey() + " (" + e.getValue().size() + " client(s): "
                        + quote(e.getValue().stream().sorted().collect(Collectors.joining(", "))) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String quote(String value) {
        return value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "...";
    }
}

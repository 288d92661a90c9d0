package dev.backtrack.autoconfigure.positioning;

/**
 * A RocketMQ consumer binding configured with {@code consumeFromWhere: CONSUME_FROM_TIMESTAMP}.
 *
 * @param name the binding name, e.g. {@code input-backtracking}
 * @param topic the binding's destination
 * @param group the consumer group
 * @param consumeTimestamp the time expression as configured
 * @param nameServer the name server(s) the binder uses for it
 * @param accessKey RocketMQ ACL access key, or null
 * @param secretKey RocketMQ ACL secret key, or null
 */
public record TimestampBinding(String name, String topic, String group, String consumeTimestamp, String nameServer,
        String accessKey, String secretKey) {

    /** The property that holds this binding's consumeTimestamp, for error messages. */
    public String timestampProperty() {
        return "spring.cloud.stream.rocketmq.bindings." + name + ".consumer.consumeTimestamp";
    }
}

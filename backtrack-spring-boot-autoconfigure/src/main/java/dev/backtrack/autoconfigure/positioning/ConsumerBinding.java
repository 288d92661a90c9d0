package dev.backtrack.autoconfigure.positioning;

import dev.backtrack.core.cluster.AdminSettings;
import java.time.Duration;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.jspecify.annotations.Nullable;

/**
 * A RocketMQ consumer binding of the application, as the binder sees it.
 *
 * @param name the binding name, e.g. {@code input-backtracking}
 * @param topic the binding's destination
 * @param group the consumer group
 * @param consumeFromWhere where the binder starts a new group, or null when not configured
 * @param consumeTimestamp the time expression as configured, or null
 * @param nameServer the name server(s) the binder uses for it
 * @param accessKey RocketMQ ACL access key, or null
 * @param secretKey RocketMQ ACL secret key, or null
 */
public record ConsumerBinding(String name, String topic, String group,
        @Nullable ConsumeFromWhere consumeFromWhere, @Nullable String consumeTimestamp, String nameServer,
        @Nullable String accessKey, @Nullable String secretKey) {

    /** The settings of an admin client of this binding's cluster, with {@code timeout} per request. */
    public AdminSettings adminSettings(Duration timeout) {
        return new AdminSettings(nameServer, accessKey, secretKey, timeout);
    }

    /** The property that holds this binding's consumeTimestamp, for error messages. */
    public String timestampProperty() {
        return "spring.cloud.stream.rocketmq.bindings." + name + ".consumer.consumeTimestamp";
    }

    /** The binding without its secret key, which is never printed. */
    @Override
    public String toString() {
        return "ConsumerBinding[name=" + name + ", topic=" + topic + ", group=" + group + ", consumeFromWhere="
                + consumeFromWhere + ", consumeTimestamp=" + consumeTimestamp + ", nameServer=" + nameServer
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? "none" : "(hidden)") + "]";
    }
}

package dev.backtrack.core.control;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instance's answer to a {@link RewindOrder}.
 *
 * @param requestId the order answered
 * @param clientId the RocketMQ client id of the instance's consumer (as the broker lists it)
 * @param instance a readable name of the instance (application@host/pid)
 * @param queuesMoved the queues it repositioned, "broker/queueId"
 * @param error why it could not apply the order, or null
 */
public record RewindAck(String requestId, String clientId, String instance, List<String> queuesMoved,
        @Nullable String error) {
}

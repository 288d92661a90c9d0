package dev.backtrack.core.cluster;

import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.jspecify.annotations.Nullable;

/** Recognises a request that a broker refused for lack of permission (RocketMQ ACL). */
public final class AclDenials {

    private AclDenials() {
    }

    /** The broker's reason when {@code e} or one of its causes is an ACL refusal, or null. */
    public static @Nullable String reason(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MQBrokerException broker && broker.getResponseCode() == ResponseCode.NO_PERMISSION) {
                return broker.getErrorMessage();
            }
            if (cause instanceof MQClientException client && client.getResponseCode() == ResponseCode.NO_PERMISSION) {
                return client.getErrorMessage();
            }
        }
        return null;
    }
}

package dev.backtrack.core.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.body.ConsumerConnection;
import org.apache.rocketmq.remoting.protocol.heartbeat.MessageModel;
import org.jspecify.annotations.Nullable;

/**
 * The consumers that RocketMQ proxies serve. A gRPC client ({@code rocketmq-client-java}) is registered with the proxy
 * it connects to, not with the brokers, so only the proxy can say that it is online; it answers RocketMQ's consumer
 * connection request on its remoting port.
 */
final class ProxyConsumers {

    private final List<String> proxies;
    private final MQClientAPIImpl api;
    private final long timeoutMillis;

    ProxyConsumers(List<String> proxies, MQClientAPIImpl api, long timeoutMillis) {
        this.proxies = proxies;
        this.api = api;
        this.timeoutMillis = timeoutMillis;
    }

    /** The client ids of the group's consumers connected to a proxy, each with the proxy's address, in proxy order. */
    Map<String, String> clients(String group) {
        return seen(group).clients();
    }

    /** How the group's consumers connected to a proxy consume, or null when no proxy serves one. */
    @Nullable MessageModel messageModel(String group) {
        return seen(group).messageModel();
    }

    /** What the proxies report of the group, each proxy asked once. */
    Seen seen(String group) {
        Map<String, String> clients = new LinkedHashMap<>();
        MessageModel model = null;
        for (String proxy : proxies) {
            ConsumerConnection connection = connection(proxy, group);
            if (connection != null) {
                connection.getConnectionSet().stream().map(Connection::getClientId).sorted()
                        .forEach(id -> clients.putIfAbsent(id, proxy));
                if (model == null && !connection.getConnectionSet().isEmpty()) {
                    model = connection.getMessageModel();
                }
            }
        }
        return new Seen(clients, model);
    }

    /**
     * The group's consumers that the proxies serve, by client id with the proxy's address, and how the first served
     * ones consume (null when none is served).
     */
    record Seen(Map<String, String> clients, @Nullable MessageModel messageModel) {
    }

    private @Nullable ConsumerConnection connection(String proxy, String group) {
        try {
            return api.getConsumerConnectionList(proxy, group, timeoutMillis);
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.CONSUMER_NOT_ONLINE) {
                return null;
            }
            throw failure(proxy, group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(proxy, group, e);
        } catch (Exception e) {
            throw failure(proxy, group, e);
        }
    }

    private RuntimeException failure(String proxy, String group, Exception e) {
        return ClusterFailures.of("ask the RocketMQ proxy which consumers of group '" + group + "' it serves",
                "proxy " + proxy, timeoutMillis, e);
    }
}

package dev.backtrack.core.rewind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.exception.OffsetNotFoundException;
import org.apache.rocketmq.client.impl.MQClientAPIImpl;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.apache.rocketmq.remoting.exception.RemotingException;
import org.apache.rocketmq.remoting.exception.RemotingTimeoutException;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.body.Connection;
import org.apache.rocketmq.remoting.protocol.header.QueryConsumerOffsetRequestHeader;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

/** One connection to a RocketMQ cluster for reading and moving consumer offsets; the project's admin client. */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer reads one message at an offset, which the plan needs
public class RocketMqAdmin implements AutoCloseable {

    private final AdminSettings settings;
    private final DefaultMQAdminExt admin;
    private DefaultMQPullConsumer reader;

    /** Connects to the cluster described by {@code settings}. */
    public RocketMqAdmin(AdminSettings settings) {
        this.settings = settings;
        this.admin = new DefaultMQAdminExt(rpcHook(settings), settings.timeout().toMillis());
        admin.setNamesrvAddr(settings.nameServer());
        admin.setInstanceName("backtrack-admin-" + UUID.randomUUID());
        try {
            admin.start();
        } catch (MQClientException e) {
            throw new RewindException("Cannot start a RocketMQ admin client for " + settings.nameServer() + ": "
                    + e.getErrorMessage(), e);
        }
    }

    /** The ACL hook for these settings, or null without credentials. */
    public static RPCHook rpcHook(AdminSettings settings) {
        return settings.hasCredentials()
                ? new AclClientRPCHook(new SessionCredentials(settings.accessKey(), settings.secretKey())) : null;
    }

    /** The settings this admin was created with. */
    public AdminSettings settings() {
        return settings;
    }

    /** The underlying RocketMQ admin client. */
    public DefaultMQAdminExt admin() {
        return admin;
    }

    /** Creates the topic on every master broker of the cluster unless it is routable already; waits until it is. */
    public void ensureTopic(String topic, int queuesPerBroker) {
        try {
            admin.examineTopicRouteInfo(topic);
            return;
        } catch (Exception e) {
            // not routable yet: create it below
        }
        try {
            for (BrokerData broker : admin.examineBrokerClusterInfo().getBrokerAddrTable().values()) {
                String master = broker.getBrokerAddrs().get(0L);
                if (master != null) {
                    admin.createAndUpdateTopicConfig(master, new TopicConfig(topic, queuesPerBroker, queuesPerBroker,
                            PermName.PERM_READ | PermName.PERM_WRITE));
                }
            }
        } catch (Exception e) {
            throw failure("create topic '" + topic + "'", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                admin.examineTopicRouteInfo(topic);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw failure("see topic '" + topic + "' routed after creating it", e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure("wait for topic '" + topic + "'", interrupted);
                }
            }
        }
    }

    /** Fails with a clear error when the cluster's name server does not answer. */
    public void requireReachable() {
        try {
            admin.examineBrokerClusterInfo();
        } catch (Exception e) {
            throw failure("reach the name server", e);
        }
    }

    /** The topic's route: which brokers hold how many queues; fails clearly for an unknown topic. */
    public TopicRouteData route(String topic) {
        try {
            return admin.examineTopicRouteInfo(topic);
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                throw new UnknownTopicException(topic, settings.nameServer());
            }
            throw failure("read the route of topic '" + topic + "'", e);
        } catch (Exception e) {
            throw failure("read the route of topic '" + topic + "'", e);
        }
    }

    /** Every readable queue of the topic on every broker in its route, by broker then queue id. */
    public List<QueueAddress> queues(String topic) {
        RocketMqNames.requireTopic(topic);
        TopicRouteData route = route(topic);
        List<QueueAddress> queues = new ArrayList<>();
        for (QueueData queueData : route.getQueueDatas()) {
            String address = route.getBrokerDatas().stream()
                    .filter(b -> b.getBrokerName().equals(queueData.getBrokerName()))
                    .map(b -> b.getBrokerAddrs().get(0L)).filter(Objects::nonNull).findFirst()
                    .orElseThrow(() -> new RewindException("Topic '" + topic + "' has queues on broker "
                            + queueData.getBrokerName() + ", but the name server knows no master address for it"));
            for (int queueId = 0; queueId < queueData.getReadQueueNums(); queueId++) {
                queues.add(new QueueAddress(new MessageQueue(topic, queueData.getBrokerName(), queueId), address));
            }
        }
        queues.sort(Comparator.comparing((QueueAddress q) -> q.queue().getBrokerName())
                .thenComparingInt(q -> q.queue().getQueueId()));
        return queues;
    }

    /** The group's committed offset for the queue on the broker, or null when it has none. */
    public Long committedOffset(String brokerAddress, String group, MessageQueue queue) {
        QueryConsumerOffsetRequestHeader header = new QueryConsumerOffsetRequestHeader();
        header.setConsumerGroup(group);
        header.setTopic(queue.getTopic());
        header.setQueueId(queue.getQueueId());
        header.setBrokerName(queue.getBrokerName());
        header.setSetZeroIfNotFound(false); // otherwise a young queue answers 0 for a group that never committed
        try {
            return api().queryConsumerOffset(brokerAddress, header, settings.timeout().toMillis());
        } catch (OffsetNotFoundException e) {
            return null;
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.QUERY_NOT_FOUND) {
                return null;
            }
            throw failure("read the committed offset of group '" + group + "' on " + describe(queue), e);
        } catch (Exception e) {
            throw failure("read the committed offset of group '" + group + "' on " + describe(queue), e);
        }
    }

    /** The queue's smallest retained offset. */
    public long minOffset(String brokerAddress, MessageQueue queue) {
        try {
            return api().getMinOffset(brokerAddress, queue, settings.timeout().toMillis());
        } catch (Exception e) {
            throw failure("read the min offset of " + describe(queue), e);
        }
    }

    /** The queue's next offset to be written. */
    public long maxOffset(String brokerAddress, MessageQueue queue) {
        try {
            return api().getMaxOffset(brokerAddress, queue, settings.timeout().toMillis());
        } catch (Exception e) {
            throw failure("read the max offset of " + describe(queue), e);
        }
    }

    /** The offset of the first message stored at or after {@code timestamp} (broker answer, not clamped). */
    public long searchOffset(String brokerAddress, MessageQueue queue, long timestamp) {
        try {
            return api().searchOffset(brokerAddress, queue, timestamp, settings.timeout().toMillis());
        } catch (Exception e) {
            throw failure("search " + describe(queue) + " by time", e);
        }
    }

    /** The store time of the message at {@code offset}, or null when there is none. */
    public synchronized Long storeTimestampAt(MessageQueue queue, long offset) {
        try {
            PullResult result = reader().pull(queue, "*", offset, 1);
            if (result.getPullStatus() == PullStatus.FOUND && !result.getMsgFoundList().isEmpty()) {
                return result.getMsgFoundList().get(0).getStoreTimestamp();
            }
            return null;
        } catch (Exception e) {
            throw failure("read the message at offset " + offset + " of " + describe(queue), e);
        }
    }

    /** Whether any consumer of the group is connected to the cluster now. */
    public boolean isOnline(String group) {
        return !onlineClients(group).isEmpty();
    }

    /** The client ids of the group's connected consumers (empty for a group that never connected). */
    public Set<String> onlineClients(String group) {
        try {
            return admin.examineConsumerConnectionInfo(group).getConnectionSet().stream()
                    .map(Connection::getClientId).collect(Collectors.toSet());
        } catch (MQBrokerException e) {
            if (e.getResponseCode() == ResponseCode.CONSUMER_NOT_ONLINE) {
                return Set.of();
            }
            throw failure("look up the connections of group '" + group + "'", e);
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return Set.of(); // not even its retry topic exists: the group never connected
            }
            throw failure("look up the connections of group '" + group + "'", e);
        } catch (Exception e) {
            throw failure("look up the connections of group '" + group + "'", e);
        }
    }

    /** Creates the subscription group on the broker when it does not exist there yet; leaves existing ones alone. */
    public void ensureGroup(String brokerAddress, String group) {
        try {
            if (admin.examineSubscriptionGroupConfig(brokerAddress, group) == null) {
                SubscriptionGroupConfig config = new SubscriptionGroupConfig();
                config.setGroupName(group);
                admin.createAndUpdateSubscriptionGroupConfig(brokerAddress, config);
            }
        } catch (Exception e) {
            throw failure("create consumer group '" + group + "' on broker " + brokerAddress, e);
        }
    }

    /** Writes the group's committed offset for one queue on its broker. */
    public void writeOffset(String brokerAddress, String group, MessageQueue queue, long offset) {
        try {
            admin.updateConsumeOffset(brokerAddress, group, queue, offset);
        } catch (Exception e) {
            throw failure("write offset " + offset + " for group '" + group + "' on " + describe(queue), e);
        }
    }

    /** Moves an online group's queue through the broker, which tells the connected consumers (slow on their side). */
    public void resetThroughBroker(String brokerAddress, String group, MessageQueue queue, long offset) {
        try {
            admin.resetOffsetByQueueId(brokerAddress, group, queue.getTopic(), queue.getQueueId(), offset);
        } catch (Exception e) {
            throw failure("reset group '" + group + "' on " + describe(queue) + " to " + offset, e);
        }
    }

    private MQClientAPIImpl api() {
        return admin.getDefaultMQAdminExtImpl().getMqClientInstance().getMQClientAPIImpl();
    }

    private DefaultMQPullConsumer reader() throws MQClientException {
        if (reader == null) {
            DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("BACKTRACK_PLANNER", rpcHook(settings));
            consumer.setNamesrvAddr(settings.nameServer());
            consumer.setInstanceName("backtrack-reader-" + UUID.randomUUID());
            consumer.start();
            reader = consumer;
        }
        return reader;
    }

    private RewindException failure(String action, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof RemotingConnectException || root instanceof RemotingTimeoutException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof RemotingConnectException || root instanceof RemotingTimeoutException
                || (root instanceof RemotingException && String.valueOf(root.getMessage()).contains("connect"))) {
            return new RewindException("Cannot " + action + ": the RocketMQ cluster at " + settings.nameServer()
                    + " does not answer (" + root.getMessage() + ")", e);
        }
        return new RewindException("Cannot " + action + " via " + settings.nameServer() + ": " + e.getMessage(), e);
    }

    static String describe(MessageQueue queue) {
        return queue.getTopic() + " " + queue.getBrokerName() + "/" + queue.getQueueId();
    }

    /** Shuts the clients down. */
    @Override
    public synchronized void close() {
        admin.shutdown();
        if (reader != null) {
            reader.shutdown();
        }
    }
}

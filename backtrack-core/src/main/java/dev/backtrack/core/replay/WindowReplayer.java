package dev.backtrack.core.replay;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClientCloser;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a planned window: reads each queue's window again and re-publishes every message that matches the group's
 * tags, synchronously, into the group's retry topic {@code %RETRY%<group>} on the broker that holds the original. The
 * group's push consumers hand these to their listener under the original topic; its committed offsets on the topic
 * are not touched.
 */
public final class WindowReplayer {

    /** The producer group Backtrack re-publishes under. */
    public static final String PRODUCER_GROUP = "BACKTRACK_WINDOW_REPLAYER";
    private static final Logger log = LoggerFactory.getLogger(WindowReplayer.class);
    private static final Duration ROUTE_WAIT = Duration.ofSeconds(15);

    private final RocketMqAdmin admin;

    /** A replayer on the cluster of {@code admin}. */
    public WindowReplayer(RocketMqAdmin admin) {
        this.admin = admin;
    }

    /** Replays the plan's window; a failure part way is returned in the result with what was replayed until then. */
    public WindowReplayResult replay(WindowPlan plan) {
        String group = plan.window().group();
        String retryTopic = MixAll.getRetryTopic(group);
        long appliedAt = System.currentTimeMillis();
        List<WindowQueue> withMessages = plan.queues().stream().filter(q -> q.matching() > 0).toList();
        if (withMessages.isEmpty()) {
            return new WindowReplayResult(plan, retryTopic, List.of(), List.of(), appliedAt, null);
        }
        Map<String, Integer> retryQueues = prepareRetryTopic(group, retryTopic, withMessages);
        List<String> offsetsSet = plan.target().online() ? List.of()
                : startOfflineGroupAtTheReplay(group, retryTopic, withMessages, retryQueues);
        List<QueueReplay> replayed = new ArrayList<>();
        DefaultMQProducer producer = RocketMqClients.of(admin, "window-replay").producer(PRODUCER_GROUP);
        try (WindowReader reader = new WindowReader(admin)) {
            producer.start();
            for (WindowQueue queue : withMessages) {
                MessageQueue source = new MessageQueue(plan.window().topic(), queue.broker(), queue.queueId());
                MessageQueue target = new MessageQueue(retryTopic, queue.broker(),
                        queue.queueId() % retryQueues.get(queue.broker()));
                AtomicLong sent = new AtomicLong();
                AtomicLong next = new AtomicLong(queue.beginOffset());
                try {
                    reader.read(source, queue.beginOffset(), queue.endOffset(), message -> {
                        if (plan.takes(message)) {
                            send(producer, target, ReplayedMessages.copyFor(retryTopic, source, message));
                            sent.incrementAndGet();
                        }
                        next.set(message.getQueueOffset() + 1);
                    });
                    replayed.add(new QueueReplay(queue.broker(), queue.queueId(), queue.beginOffset(),
                            queue.endOffset(), sent.get()));
                } catch (RuntimeException e) {
                    replayed.add(new QueueReplay(queue.broker(), queue.queueId(), queue.beginOffset(), next.get(),
                            sent.get()));
                    return new WindowReplayResult(plan, retryTopic, List.copyOf(replayed), offsetsSet, appliedAt,
                            "stopped on " + queue.broker() + "/" + queue.queueId() + " at offset " + next.get() + ": "
                                    + e.getMessage());
                }
            }
        } catch (MQClientException e) {
            throw new RewindException("Cannot start a producer on " + admin.settings().nameServer() + ": "
                    + e.getErrorMessage(), e);
        } finally {
            ClientCloser.inBackground("backtrack-window-replay-close", producer::shutdown);
        }
        log.info("Replayed {} messages of {} {} to group {} through {}", replayed.stream()
                .mapToLong(QueueReplay::replayed).sum(), plan.window().topic(), plan.window().describe(), group,
                retryTopic);
        return new WindowReplayResult(plan, retryTopic, List.copyOf(replayed), offsetsSet, appliedAt, null);
    }

    private static void send(DefaultMQProducer producer, MessageQueue target, org.apache.rocketmq.common.message.Message m) {
        try {
            producer.send(m, target);
        } catch (Exception e) {
            throw new RewindException("cannot publish into " + RocketMqAdmin.describe(target) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure the group and its retry topic exist on every broker that holds messages to replay (a group that never
     * ran has neither) and that the name server routes the topic there; returns the retry topic's write queues per
     * broker.
     */
    private Map<String, Integer> prepareRetryTopic(String group, String retryTopic, List<WindowQueue> queues) {
        Map<String, String> brokers = new LinkedHashMap<>();
        queues.forEach(q -> brokers.put(q.broker(), q.brokerAddress()));
        brokers.forEach((name, address) -> {
            admin.ensureGroup(address, group);
            if (!admin.holdsTopic(address, retryTopic)) {
                admin.createTopic(address, new TopicConfig(retryTopic, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE));
            }
        });
        long deadline = System.nanoTime() + ROUTE_WAIT.toNanos();
        while (true) {
            Map<String, Integer> writeQueues = writeQueues(retryTopic);
            if (writeQueues.keySet().containsAll(brokers.keySet())) {
                return writeQueues;
            }
            if (System.nanoTime() > deadline) {
                throw new RewindException("The name server does not route retry topic " + retryTopic + " to brokers "
                        + brokers.keySet() + " within " + ROUTE_WAIT.toSeconds() + " s of creating it there");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RewindException("Interrupted while waiting for retry topic " + retryTopic, e);
            }
        }
    }

    private Map<String, Integer> writeQueues(String retryTopic) {
        Map<String, Integer> writeQueues = new LinkedHashMap<>();
        try {
            TopicRouteData route = admin.route(retryTopic);
            for (QueueData data : route.getQueueDatas()) {
                if (data.getWriteQueueNums() > 0 && PermName.isWriteable(data.getPerm())) {
                    writeQueues.put(data.getBrokerName(), data.getWriteQueueNums());
                }
            }
        } catch (dev.backtrack.core.UnknownTopicException e) {
            // not routed yet
        }
        return writeQueues;
    }

    /**
     * For an offline group, sets the committed offset of each retry queue that has none to its current end, so that
     * the group reads the replayed messages when it starts whatever its consume-from setting; reads each back.
     */
    private List<String> startOfflineGroupAtTheReplay(String group, String retryTopic, List<WindowQueue> queues,
            Map<String, Integer> retryQueues) {
        Map<String, String> brokers = new LinkedHashMap<>();
        queues.forEach(q -> brokers.put(q.broker(), q.brokerAddress()));
        List<String> set = new ArrayList<>();
        brokers.forEach((name, address) -> {
            for (int id = 0; id < retryQueues.get(name); id++) {
                MessageQueue retryQueue = new MessageQueue(retryTopic, name, id);
                if (admin.committedOffset(address, group, retryQueue) != null) {
                    continue;
                }
                long end = admin.maxOffset(address, retryQueue);
                admin.writeOffset(address, group, retryQueue, end);
                Long readBack = admin.committedOffset(address, group, retryQueue);
                if (readBack == null || readBack != end) {
                    throw new RewindException("Wrote offset " + end + " of group '" + group + "' on "
                            + RocketMqAdmin.describe(retryQueue) + " but read back " + readBack
                            + "; nothing was replayed");
                }
                set.add(name + "/" + id + " -> " + end);
            }
        });
        return List.copyOf(set);
    }
}

package dev.backtrack.core.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.cluster.ClientCloser;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqClients;
import dev.backtrack.core.journal.JournalException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim topic's one queue in use: every instance appends its claims there and reads them back in the queue's
 * order, which is the same total order for every reader. The topic has one queue on each of two brokers; the queue in
 * use is the one on the first of them by name that the route lists, so when that broker is lost every instance that
 * opens the claims afterwards uses the other one.
 */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, which is what a claim log needs
public class ClaimQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimQueue.class);
    private static final int PULL_BATCH = 32;
    private static final Duration ROUTE_PATIENCE = Duration.ofSeconds(15);
    private static final Duration READ_BACK_PATIENCE = Duration.ofSeconds(15);
    /** On how many brokers a new claim topic gets its one queue: one in use, one to go on with when it is lost. */
    private static final int CLAIM_BROKERS = 2;

    private final MessageQueue queue;
    private final String nameServer;
    private final DefaultMQProducer producer;
    private final DefaultMQPullConsumer reader;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ClaimQueue(MessageQueue queue, String nameServer, @Nullable RPCHook rpcHook) {
        this.queue = queue;
        this.nameServer = nameServer;
        RocketMqClients clients = RocketMqClients.of(nameServer, rpcHook, "claims");
        this.producer = clients.producer("BACKTRACK_CLAIM_WRITER");
        this.reader = clients.pullConsumer("BACKTRACK_CLAIM_READER");
        try {
            producer.start();
            reader.start();
        } catch (MQClientException e) {
            close();
            throw new JournalException("Cannot open the claim topic " + queue.getTopic() + " on name server "
                    + nameServer + ": " + e.getErrorMessage(), e);
        }
    }

    /**
     * Opens the claim queue of {@code topic} on the admin's cluster. A missing topic is created with one queue on each
     * of the first two master brokers by name (on the only one where there is one); the topic is used through queue 0
     * of the first broker by name in its route, so that every instance picks the same queue, and the same other one
     * when that broker is lost.
     */
    public static ClaimQueue open(RocketMqAdmin admin, String topic) {
        MessageQueue queue = locate(admin, topic);
        return new ClaimQueue(queue, admin.settings().nameServer(), RocketMqAdmin.rpcHook(admin.settings()));
    }

    /** The one queue that holds the claims. */
    public MessageQueue queue() {
        return queue;
    }

    /** Appends a record and returns it as stored (its offset and the broker's store time). */
    public StoredClaim append(ClaimRecord record) {
        SendResult result;
        try {
            Message message = new Message(queue.getTopic(), record.kind().name(), record.claimId(),
                    json.writeValueAsBytes(record));
            result = producer.send(message, queue);
        } catch (JsonProcessingException e) {
            throw new JournalException("Cannot write a claim: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new JournalException("Cannot append a claim to " + describe() + ": " + message(e), e);
        }
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new JournalException("The broker did not store the claim on " + describe() + ": "
                    + result.getSendStatus(), null);
        }
        long offset = result.getQueueOffset();
        return readThrough(offset).stream().filter(r -> r.offset() == offset).findFirst()
                .orElseThrow(() -> new JournalException("The claim stored at offset " + offset + " of " + describe()
                        + " could not be read back", null));
    }

    /** Every record, in queue order. */
    public List<StoredClaim> records() {
        try {
            long offset = reader.minOffset(queue);
            long max = reader.maxOffset(queue);
            List<StoredClaim> records = new ArrayList<>();
            while (offset < max) {
                PullResult result = reader.pull(queue, "*", offset, PULL_BATCH);
                if (result.getPullStatus() != PullStatus.FOUND) {
                    break; // not yet indexed: the caller reads again when it needs to
                }
                for (MessageExt message : result.getMsgFoundList()) {
                    ClaimRecord record = parse(message);
                    if (record != null) {
                        records.add(new StoredClaim(record, message.getQueueOffset(), message.getStoreTimestamp()));
                    }
                }
                offset = result.getNextBeginOffset();
            }
            records.sort(Comparator.comparingLong(StoredClaim::offset));
            return records;
        } catch (Exception e) {
            throw new JournalException("Cannot read the claims on " + describe() + ": " + message(e), e);
        }
    }

    /** The record in the message, or null for a message that is not one (every reader skips it alike). */
    private @Nullable ClaimRecord parse(MessageExt message) {
        try {
            ClaimRecord record = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
                    ClaimRecord.class);
            return record.kind() == null || record.claimId() == null || record.group() == null
                    || record.topic() == null || record.requestedTime() == null ? null : record;
        } catch (JsonProcessingException e) {
            log.debug("Skipping message {} at offset {} of {}: not a claim", message.getMsgId(),
                    message.getQueueOffset(), describe());
            return null;
        }
    }

    /** Every record, in queue order, once the one at {@code offset} is readable. */
    public List<StoredClaim> readThrough(long offset) {
        long deadline = System.nanoTime() + READ_BACK_PATIENCE.toNanos();
        while (true) {
            List<StoredClaim> records = records();
            if (!records.isEmpty() && records.get(records.size() - 1).offset() >= offset) {
                return records;
            }
            if (System.nanoTime() > deadline) {
                throw new JournalException("The claim at offset " + offset + " of " + describe()
                        + " was not readable within " + READ_BACK_PATIENCE.toSeconds() + " s", null);
            }
            pause(Duration.ofMillis(20));
        }
    }

    private static MessageQueue locate(RocketMqAdmin admin, String topic) {
        TopicRouteData route;
        try {
            route = admin.route(topic);
        } catch (UnknownTopicException missing) {
            route = awaitRoute(admin, topic, create(admin, topic));
        } catch (RewindException e) {
            throw new JournalException("Cannot find the claim topic " + topic + ": " + e.getMessage(), e);
        }
        return route.getQueueDatas().stream()
                .filter(q -> PermName.isReadable(q.getPerm()) && PermName.isWriteable(q.getPerm()))
                .filter(q -> q.getReadQueueNums() > 0 && q.getWriteQueueNums() > 0)
                .map(QueueData::getBrokerName).sorted().findFirst()
                .map(broker -> new MessageQueue(topic, broker, 0))
                .orElseThrow(() -> new JournalException("The claim topic " + topic + " on name server "
                        + admin.settings().nameServer() + " has no queue that is both readable and writable", null));
    }

    /** Creates the topic and returns the names of the brokers it was created on. */
    private static List<String> create(RocketMqAdmin admin, String topic) {
        Map.Entry<String, String> current = null;
        try {
            List<Map.Entry<String, String>> masters = admin.registeredMasters().entrySet().stream()
                    .limit(CLAIM_BROKERS).toList();
            for (Map.Entry<String, String> master : masters) {
                current = master;
                admin.createTopic(master.getValue(), new TopicConfig(topic, 1, 1,
                        PermName.PERM_READ | PermName.PERM_WRITE));
            }
            if (!masters.isEmpty()) {
                return masters.stream().map(Map.Entry::getKey).toList();
            }
        } catch (RuntimeException e) {
            throw new JournalException("Cannot create the claim topic " + topic + " (one queue on broker "
                    + (current == null ? "?" : current.getKey()) + ", name server " + admin.settings().nameServer()
                    + "); create it with one read and one write queue on each of two brokers: " + message(e), e);
        }
        throw new JournalException("Cannot create the claim topic " + topic + ": name server "
                + admin.settings().nameServer() + " knows no master broker", null);
    }

    /** Waits until the route lists the topic on every one of {@code brokers}, so that every instance picks alike. */
    private static TopicRouteData awaitRoute(RocketMqAdmin admin, String topic, List<String> brokers) {
        long deadline = System.nanoTime() + ROUTE_PATIENCE.toNanos();
        while (true) {
            String missing;
            try {
                TopicRouteData route = admin.route(topic);
                List<String> routed = route.getQueueDatas().stream().map(QueueData::getBrokerName).toList();
                if (routed.containsAll(brokers)) {
                    return route;
                }
                missing = "routed to " + routed + " of " + brokers;
            } catch (RewindException e) {
                missing = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new JournalException("The claim topic " + topic + " was created but is not routed after "
                        + ROUTE_PATIENCE.toSeconds() + " s: " + missing, null);
            }
            pause(Duration.ofMillis(100));
        }
    }

    private String describe() {
        return "claim topic " + queue.getTopic() + " queue " + queue.getBrokerName() + "/" + queue.getQueueId()
                + " (name server " + nameServer + ")";
    }

    private static String message(Exception e) {
        return e instanceof MQClientException client && client.getErrorMessage() != null
                ? client.getErrorMessage() : String.valueOf(e.getMessage());
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while waiting on the claim topic", e);
        }
    }

    /** Shuts the clients down, in the background (see {@link ClientCloser}). */
    @Override
    public void close() {
        ClientCloser.inBackground("backtrack-claims-close", producer::shutdown, reader::shutdown);
    }
}

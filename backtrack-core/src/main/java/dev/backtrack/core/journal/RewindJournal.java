package dev.backtrack.core.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.cluster.ClientCloser;
import dev.backtrack.core.cluster.ClusterFailures;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.TopicAdministration;
import dev.backtrack.core.cluster.RocketMqClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.consumer.PullResult;
import org.apache.rocketmq.client.consumer.PullStatus;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The record of position changes, kept on the broker in a topic Backtrack owns, so every instance sees it. */
@SuppressWarnings("deprecation") // DefaultMQPullConsumer reads a queue by offset, which is what a journal needs
public class RewindJournal implements AutoCloseable {

    /** The journal's topic unless configured otherwise. */
    public static final String DEFAULT_TOPIC = "BACKTRACK_JOURNAL";
    private static final Logger log = LoggerFactory.getLogger(RewindJournal.class);
    private static final int PULL_BATCH = 32;
    // RocketMQ's client default for name-server and pull requests
    private static final long CLIENT_TIMEOUT_MILLIS = 3_000;

    private final String topic;
    private final String nameServer;
    private final DefaultMQProducer producer;
    private final DefaultMQPullConsumer reader;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Opens the journal on the given name server (rpcHook may be null when ACL is off). */
    public RewindJournal(String nameServer, @Nullable RPCHook rpcHook, String topic) {
        this.topic = topic;
        this.nameServer = nameServer;
        RocketMqClients clients = RocketMqClients.of(nameServer, rpcHook, "journal");
        this.producer = clients.producer("BACKTRACK_JOURNAL_WRITER");
        this.reader = clients.pullConsumer("BACKTRACK_JOURNAL_READER");
        try {
            producer.start();
            reader.start();
        } catch (MQClientException e) {
            close();
            throw new JournalException("Cannot open the Backtrack journal on " + nameServer + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens the journal on the admin's cluster for writing, creating its topic first when it is missing: a producer
     * left to auto-create it spends about 3 s on its first send. When the topic cannot be created (no admin rights),
     * the journal opens anyway and relies on the broker's auto-creation.
     */
    public static RewindJournal openForWriting(RocketMqAdmin admin, String topic) {
        createTopicIfMissing(admin, topic);
        return new RewindJournal(admin.settings().nameServer(), RocketMqAdmin.rpcHook(admin.settings()), topic);
    }

    /**
     * Creates the journal's topic when it is missing, so that a first append does not wait for the producer to
     * auto-create it; when it cannot be created (no admin rights), appends rely on the broker's auto-creation.
     */
    public static void createTopicIfMissing(TopicAdministration admin, String topic) {
        try {
            admin.ensureTopic(topic, 1);
        } catch (RuntimeException e) {
            log.debug("Could not create the journal topic {} ahead of its first entry: {}", topic, e.getMessage());
        }
    }

    /** The topic that holds the journal. */
    public String topic() {
        return topic;
    }

    /** Appends an entry (given a fresh id when it has none); fails when the broker did not store it. */
    public JournalEntry append(JournalEntry given) {
        JournalEntry entry = given.id() != null ? given : given.withId(JournalIds.newId());
        try {
            Message message = new Message(topic, entry.kind().name(), entry.group() + "|" + entry.topic(),
                    json.writeValueAsBytes(entry));
            SendResult result = producer.send(message);
            if (result.getSendStatus() != SendStatus.SEND_OK) {
                throw new JournalException("The broker did not store the journal entry: " + result.getSendStatus(), null);
            }
            return entry;
        } catch (JsonProcessingException e) {
            throw new JournalException("Cannot write a journal entry: " + e.getMessage(), e);
        } catch (JournalException e) {
            throw e;
        } catch (Exception e) {
            throw new JournalException("Cannot append to the journal topic " + topic + " (create it on the cluster, "
                    + "or allow autoCreateTopicEnable): " + e.getMessage(), e);
        }
    }

    /**
     * Every entry, oldest first; none when the journal's topic does not exist. Fails with a {@link JournalException}
     * naming the cause when the journal cannot be read (name server or broker silent, topic not readable, ACL denial):
     * an unreadable journal is never taken for an empty one.
     */
    public List<JournalEntry> entries() {
        Set<MessageQueue> queues;
        try {
            queues = reader.fetchSubscribeMessageQueues(topic);
        } catch (MQClientException e) {
            if (topicDoesNotExist(e)) {
                log.debug("Journal topic {} does not exist yet: no entries", topic);
                return List.of();
            }
            throw new JournalException(failure("read the journal topic " + topic, "name server " + nameServer, e), e);
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (MessageQueue queue : queues) {
            readQueue(queue, entries);
        }
        entries.sort(Comparator.comparingLong(JournalEntry::appliedAt));
        return entries;
    }

    /** The latest entry for (kind, group, topic, requested time), if any. */
    public Optional<JournalEntry> find(JournalKind kind, String group, String topic, String requestedTime) {
        List<JournalEntry> matching = entries().stream()
                .filter(e -> e.matches(kind, group, topic, requestedTime)).toList();
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(matching.size() - 1));
    }

    /** Whether the failure is the name server saying that the topic does not exist (and nothing else). */
    private static boolean topicDoesNotExist(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MQClientException client && client.getResponseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return true;
            }
        }
        return false;
    }

    /** Names a silent or refusing server as the rest of Backtrack does; otherwise the chain of causes. */
    private static String failure(String action, String server, Exception e) {
        String named = ClusterFailures.silentOrDenied(action, server, CLIENT_TIMEOUT_MILLIS, e);
        return named != null ? named : "Cannot " + action + " (" + server + "): " + cause(e);
    }

    private static String cause(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause instanceof MQClientException client && client.getErrorMessage() != null
                    ? client.getErrorMessage() : cause.getMessage();
            message = message == null ? cause.getClass().getSimpleName() : message.split("\\R", 2)[0].strip();
            if (!messages.isEmpty() && message.contains(messages.get(messages.size() - 1))) {
                messages.set(messages.size() - 1, message); // the cause repeats its wrapper's words and says more
            } else if (messages.stream().noneMatch(message::equals)) {
                messages.add(message);
            }
        }
        String text = String.join("; caused by ", messages);
        if (text.contains("Namesrv return empty")) {
            text += " (the name server lists no readable queue of the topic: is its read permission off?)";
        }
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private void readQueue(MessageQueue queue, List<JournalEntry> into) {
        try {
            long offset = reader.minOffset(queue);
            long max = reader.maxOffset(queue);
            while (offset < max) {
                PullResult result = reader.pull(queue, "*", offset, PULL_BATCH);
                if (result.getPullStatus() != PullStatus.FOUND) {
                    offset = Math.max(result.getNextBeginOffset(), offset + 1);
                    continue;
                }
                for (MessageExt message : result.getMsgFoundList()) {
                    JournalEntry entry = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8),
                            JournalEntry.class);
                    into.add(entry.id() != null ? entry
                            : entry.withId(JournalIds.located(queue.getBrokerName(), queue.getQueueId(),
                                    message.getQueueOffset())));
                }
                offset = result.getNextBeginOffset();
            }
        } catch (Exception e) {
            throw new JournalException(failure("read the journal topic " + topic + " queue " + queue.getQueueId(),
                    "broker " + queue.getBrokerName() + " (name server " + nameServer + ")", e), e);
        }
    }

    /** Shuts the journal's clients down, in the background (see {@link ClientCloser}). */
    @Override
    public void close() {
        ClientCloser.inBackground("backtrack-journal-close", producer::shutdown, reader::shutdown);
    }
}

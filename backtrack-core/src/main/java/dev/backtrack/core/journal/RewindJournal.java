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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // entries a broker returns for one key at most (its defaultQueryMaxNum)
    private static final int RECENT = 32;
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

    /**
     * Appends an entry (given a fresh id when it has none), a copy on each of two brokers that have the journal's topic
     * (on every one where fewer have it; see {@link CopyPlacement}), so that losing one broker loses no entry. Fails
     * when no broker stored it; a copy that one broker refuses while another stored the entry is logged.
     */
    public JournalEntry append(JournalEntry given) {
        JournalEntry entry = given.id() != null ? given : given.withId(JournalIds.newId());
        byte[] body;
        try {
            body = json.writeValueAsBytes(entry);
        } catch (JsonProcessingException e) {
            throw new JournalException("Cannot write a journal entry: " + e.getMessage(), e);
        }
        List<MessageQueue> places = copyPlaces();
        if (places.isEmpty()) {
            send(message(entry, body), null); // the topic does not exist yet: the broker may create it
            return entry;
        }
        int needed = CopyPlacement.needed(places.size());
        List<String> stored = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (MessageQueue place : places) {
            if (stored.size() == needed) {
                break;
            }
            try {
                send(message(entry, body), place);
                stored.add(place.getBrokerName());
            } catch (JournalException e) {
                refused.add(place.getBrokerName() + ": " + e.getMessage());
            }
        }
        if (stored.isEmpty()) {
            throw new JournalException("No broker stored the journal entry on topic " + topic + ": "
                    + String.join("; ", refused), null);
        }
        if (stored.size() < needed) {
            log.warn("Journal entry {} is kept on {} only, not on {} brokers: {}", entry.id(), stored, needed,
                    String.join("; ", refused));
        }
        return entry;
    }

    /** The entry as a message, with its keys in the brokers' message index (see {@link #recent}). */
    private Message message(JournalEntry entry, byte[] body) {
        Message message = new Message(topic, entry.kind().name(), body);
        message.setKeys(List.of(groupKey(entry.group(), entry.topic()), topicKey(entry.topic())));
        return message;
    }

    private static String groupKey(String group, String topic) {
        return group + "|" + topic;
    }

    /** A key no (group, topic) key can be: RocketMQ names have no {@code @}. */
    private static String topicKey(String topic) {
        return "@" + topic;
    }

    /**
     * The latest entries of {@code group} on {@code topic} or, when it has none, of {@code topic} by any group (see
     * {@link RecentEntries}): at most {@value #RECENT} a broker, newest first, looked up by key in the brokers'
     * message index (RocketMQ's {@code messageIndexEnable}, on by default), so the cost does not grow with the
     * journal. Entries written before the topic's key existed are found by their group only.
     */
    public List<JournalEntry> recent(String group, String topic) {
        List<JournalEntry> own = byKey(groupKey(group, topic));
        return own.isEmpty() ? byKey(topicKey(topic)) : own;
    }

    private List<JournalEntry> byKey(String key) {
        List<MessageExt> found;
        try {
            found = reader.queryMessage(this.topic, key, RECENT, 0, Long.MAX_VALUE).getMessageList();
        } catch (MQClientException e) {
            if (e.getResponseCode() == ResponseCode.NO_MESSAGE || topicDoesNotExist(e)) {
                return List.of();
            }
            throw new JournalException(failure("look up " + key + " in the journal topic " + this.topic,
                    "name server " + nameServer, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("Interrupted while looking up " + key + " in the journal topic " + topic, e);
        }
        Map<String, JournalEntry> byId = new LinkedHashMap<>();
        for (MessageExt message : found) {
            JournalEntry entry = parse(message, new MessageQueue(topic, message.getBrokerName(), message.getQueueId()));
            byId.putIfAbsent(entry.id(), entry);
        }
        List<JournalEntry> entries = new ArrayList<>(byId.values());
        entries.sort(Comparator.comparingLong(JournalEntry::appliedAt));
        return entries;
    }

    /** The queues copies go to, or none when the topic's route cannot be read (a topic not created yet). */
    private List<MessageQueue> copyPlaces() {
        try {
            return CopyPlacement.oneQueuePerBroker(producer.fetchPublishMessageQueues(topic));
        } catch (MQClientException e) {
            log.debug("Journal topic {} not routed ({}): appending through the producer", topic, e.getErrorMessage());
            return List.of();
        }
    }

    private void send(Message message, @Nullable MessageQueue place) {
        SendResult result;
        try {
            result = place == null ? producer.send(message) : producer.send(message, place);
        } catch (Exception e) {
            throw new JournalException("Cannot append to the journal topic " + topic + " (create it on the cluster, "
                    + "or allow autoCreateTopicEnable): " + e.getMessage(), e);
        }
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new JournalException("The broker did not store the journal entry: " + result.getSendStatus(), null);
        }
    }

    /**
     * Every entry, oldest first, the copies on several brokers read as one; none when the journal's topic does not
     * exist. Fails with a {@link JournalException}
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
        List<JournalEntry> copies = new ArrayList<>();
        for (MessageQueue queue : queues) {
            readQueue(queue, copies);
        }
        Map<String, JournalEntry> byId = new LinkedHashMap<>(); // an entry has a copy on each of two brokers
        copies.forEach(copy -> byId.putIfAbsent(copy.id(), copy));
        List<JournalEntry> entries = new ArrayList<>(byId.values());
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
                    into.add(parse(message, queue));
                }
                offset = result.getNextBeginOffset();
            }
        } catch (Exception e) {
            throw new JournalException(failure("read the journal topic " + topic + " queue " + queue.getQueueId(),
                    "broker " + queue.getBrokerName() + " (name server " + nameServer + ")", e), e);
        }
    }

    /** The entry in the message; one without an id gets one from where it is stored. */
    private JournalEntry parse(MessageExt message, MessageQueue queue) {
        JournalEntry entry;
        try {
            entry = json.readValue(new String(message.getBody(), StandardCharsets.UTF_8), JournalEntry.class);
        } catch (JsonProcessingException e) {
            throw new JournalException("Cannot read the journal entry at offset " + message.getQueueOffset() + " of "
                    + queue.getBrokerName() + "/" + queue.getQueueId() + " in topic " + topic + ": "
                    + e.getOriginalMessage(), e);
        }
        return entry.id() != null ? entry
                : entry.withId(JournalIds.located(queue.getBrokerName(), queue.getQueueId(), message.getQueueOffset()));
    }

    /** Shuts the journal's clients down, in the background (see {@link ClientCloser}). */
    @Override
    public void close() {
        ClientCloser.inBackground("backtrack-journal-close", producer::shutdown, reader::shutdown);
    }
}

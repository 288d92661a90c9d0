package dev.backtrack.core.peek;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.MessageReading;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.QueuePositions;
import dev.backtrack.core.cluster.RocketMqNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The first messages of a topic stored at or after an instant, all queues of every broker merged in store-time order.
 * Each queue is searched by time and read by offset under RocketMQ's tools group: no consumer group is created and no
 * offset moves.
 */
public class MessagePeek {

    /** Most messages one peek returns. */
    public static final int MAX_LIMIT = 1000;

    private final QueuePositions admin;
    private final MessageReading reader;
    private final int maxBodyBytes;

    /**
     * Finds the queues and offsets through {@code cluster} and reads their messages through it, showing at most
     * {@code maxBodyBytes} bytes of each body.
     */
    public <C extends QueuePositions & MessageReading> MessagePeek(C cluster, int maxBodyBytes) {
        this(cluster, cluster, maxBodyBytes);
    }

    /** Finds the queues and offsets through {@code offsets}, reads through {@code messages}; see above. */
    public MessagePeek(QueuePositions offsets, MessageReading messages, int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
        }
        this.admin = offsets;
        this.reader = messages;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The first {@code limit} messages of {@code topic} stored at or after {@code at} (epoch ms). */
    public List<PeekedMessage> peek(String topic, long at, int limit) {
        RocketMqNames.requireTopic(topic);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRewindInputException("Limit " + limit + " is out of range; accepted: 1 to " + MAX_LIMIT);
        }
        List<MessageExt> candidates = new ArrayList<>();
        for (QueueAddress queue : admin.queues(topic)) {
            candidates.addAll(firstOf(queue, at, limit));
        }
        return candidates.stream()
                .sorted(Comparator.comparingLong(MessageExt::getStoreTimestamp)
                        .thenComparing(MessageExt::getBrokerName).thenComparingInt(MessageExt::getQueueId)
                        .thenComparingLong(MessageExt::getQueueOffset))
                .limit(limit)
                .map(this::peeked)
                .toList();
    }

    /** The queue's first {@code limit} messages from the first one stored at or after {@code at}. */
    private List<MessageExt> firstOf(QueueAddress queue, long at, int limit) {
        String address = queue.brokerAddress();
        MessageQueue mq = queue.queue();
        long max = admin.maxOffset(address, mq);
        long offset = admin.searchOffset(address, mq, at);
        List<MessageExt> messages = new ArrayList<>();
        while (messages.size() < limit && offset < max) {
            List<MessageExt> pulled = reader.readMessages(address, mq, offset, limit - messages.size());
            if (pulled.isEmpty()) {
                break;
            }
            for (MessageExt message : pulled) {
                message.setBrokerName(mq.getBrokerName());
                // The search answers the first offset at or after the instant; a store clock that went back
                // (another broker's, a restart) can leave older messages after it, which are not "at or after".
                if (message.getStoreTimestamp() >= at && messages.size() < limit) {
                    messages.add(message);
                }
                offset = Math.max(offset, message.getQueueOffset() + 1);
            }
        }
        return messages;
    }

    private PeekedMessage peeked(MessageExt message) {
        return PeekedMessage.of(message, maxBodyBytes);
    }
}

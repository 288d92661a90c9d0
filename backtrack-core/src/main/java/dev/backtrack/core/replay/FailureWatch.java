package dev.backtrack.core.replay;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.common.topic.TopicValidator;

/**
 * Sees the messages of one run that the group failed. A push consumer that fails a message sends it back to its
 * broker, which keeps it in the delay topic {@code SCHEDULE_TOPIC_XXXX} until its retry is due, then in the group's
 * retry topic with a reconsume count; once the retries are used up it goes to the group's dead-letter topic. Every
 * copy keeps the run's mark ({@link ReplayedMessages#RUN}), so the watch reads what those three topics received since
 * it began, on each broker the run sends to, and reports each failed message once (docs/rocketmq-behaviour.md).
 */
public final class FailureWatch implements AutoCloseable {

    /** The delay levels a broker has by default; one queue of the delay topic each. */
    private static final int DELAY_LEVELS = 18;

    private final RocketMqAdmin admin;
    private final String group;
    private final String run;
    private final WindowReader reader;
    private final Map<Watched, Long> positions = new LinkedHashMap<>();
    private final Map<String, FailedCopy> seen = new LinkedHashMap<>();

    /** One queue watched on one broker. */
    private record Watched(String address, MessageQueue queue) {
    }

    /** Starts watching, from their current ends, the queues where run {@code run}'s failures for {@code group} land. */
    public FailureWatch(RocketMqAdmin admin, String group, String run, Map<String, String> brokers) {
        this.admin = admin;
        this.group = group;
        this.run = run;
        brokers.forEach((name, address) -> {
            for (int level = 0; level < DELAY_LEVELS; level++) {
                watch(address, new MessageQueue(TopicValidator.RMQ_SYS_SCHEDULE_TOPIC, name, level));
            }
            watch(address, new MessageQueue(MixAll.getRetryTopic(group), name, 0));
            watch(address, new MessageQueue(DeadLetters.topicOf(group), name, 0));
        });
        this.reader = new WindowReader(admin);
    }

    private void watch(String address, MessageQueue queue) {
        positions.put(new Watched(address, queue), end(address, queue));
    }

    private long end(String address, MessageQueue queue) {
        try {
            return admin.maxOffset(address, queue);
        } catch (RewindException e) {
            return 0; // not there yet: a dead-letter topic is made by the first dead letter
        }
    }

    /** Every failure of the run seen so far, one per message, the latest state of each. */
    public synchronized List<FailedCopy> failures() {
        positions.replaceAll((watched, from) -> {
            long to = end(watched.address(), watched.queue());
            if (to > from) {
                reader.read(watched.queue(), from, to, this::note);
            }
            return Math.max(from, to);
        });
        return new ArrayList<>(seen.values());
    }

    private void note(MessageExt message) {
        if (!run.equals(message.getProperty(ReplayedMessages.RUN))) {
            return;
        }
        boolean dead = DeadLetters.isDeadLetterTopic(message.getTopic());
        if (!dead && message.getReconsumeTimes() == 0) {
            return; // a copy as the run sent it, not a failure
        }
        String origin = String.valueOf(message.getProperty(ReplayedMessages.ORIGIN_QUEUE));
        long offset = Long.parseLong(message.getProperty(ReplayedMessages.ORIGIN_OFFSET));
        String msgId = String.valueOf(message.getProperty(ReplayedMessages.ORIGIN_MSG_ID));
        seen.merge(origin + "@" + offset, new FailedCopy(msgId, origin, offset, Math.max(1,
                message.getReconsumeTimes()), dead), (before, now) -> new FailedCopy(msgId, origin, offset,
                        Math.max(before.failures(), now.failures()), before.deadLettered() || now.deadLettered()));
    }

    /** The group this watch is for. */
    public String group() {
        return group;
    }

    /** Closes the reader. */
    @Override
    public void close() {
        reader.close();
    }
}

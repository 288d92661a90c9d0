package dev.backtrack.autoconfigure.listener;

import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.positioning.BindingPositioner;
import dev.backtrack.autoconfigure.positioning.BindingPositioningException;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.autoconfigure.positioning.OnJournalFailure;
import dev.backtrack.autoconfigure.positioning.PositioningStep;
import dev.backtrack.autoconfigure.positioning.TimestampPositioningLifecycle;
import dev.backtrack.core.positioning.StartupPositioning;
import dev.backtrack.core.time.InvalidTimeExpressionException;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.core.time.TimeFormats;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.spring.annotation.MessageModel;
import org.apache.rocketmq.spring.support.DefaultRocketMQListenerContainer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Before rocketmq-spring starts its listener containers, moves each listener's group to the first message stored at
 * or after its time: {@code backtrack.listeners.<consumerGroup>.consume-timestamp}, else the consumeTimestamp the
 * listener set in prepareStart with CONSUME_FROM_TIMESTAMP. Same journal, claims and modes as bindings.
 */
public class ListenerPositioningLifecycle implements SmartLifecycle {

    /** Before rocketmq-spring starts its containers (phase Integer.MAX_VALUE - 2000), as bindings are positioned. */
    public static final int PHASE = TimestampPositioningLifecycle.PHASE;
    private static final Logger log = LoggerFactory.getLogger(ListenerPositioningLifecycle.class);
    /** The settings a listener's RocketMQ credentials come from (the annotation's, else rocketmq-spring's). */
    private static final String CREDENTIALS = "the listener's accessKey and secretKey (or rocketmq.consumer.access-key "
            + "and secret-key)";

    private final ListenerContainers listeners;
    private final Map<String, BacktrackProperties.Listener> settings;
    private final ListenerCreationTimes creationTimes;
    private final TimeExpressionParser parser;
    private final PositioningStep step;
    private final Consumer<String> topicCreator;
    private volatile boolean running;

    /**
     * Positions the {@code listeners} under {@code rule} with the given per-group {@code settings}, recording
     * {@code actor}; {@code topicCreator} makes sure a listener's topic exists first (the embedded broker's, or none).
     */
    public ListenerPositioningLifecycle(ListenerContainers listeners,
            Map<String, BacktrackProperties.Listener> settings,
            ListenerCreationTimes creationTimes, BindingPositioner positioner, StartupPositioning rule,
            TimeExpressionParser parser, String actor, OnJournalFailure onJournalFailure,
            Consumer<String> topicCreator) {
        this.listeners = listeners;
        this.settings = settings;
        this.creationTimes = creationTimes;
        this.parser = parser;
        this.step = new PositioningStep(positioner, rule, actor, onJournalFailure, parser.zone());
        this.topicCreator = topicCreator;
    }

    /** The property that sets the time of the listener of {@code group}. */
    public static String property(String group) {
        return "backtrack.listeners." + group + ".consume-timestamp";
    }

    @Override
    public void start() {
        List<DefaultRocketMQListenerContainer> containers = listeners.containers();
        List<String> groups = containers.stream().map(DefaultRocketMQListenerContainer::getConsumerGroup).toList();
        settings.forEach((group, setting) -> {
            if (setting.getConsumeTimestamp() != null && !groups.contains(group)) {
                throw new BindingPositioningException(property(group) + " names no consumer group of a "
                        + "@RocketMQMessageListener of this application; accepted groups: " + groups, null);
            }
        });
        for (DefaultRocketMQListenerContainer container : containers) {
            position(container);
        }
        running = true;
    }

    private void position(DefaultRocketMQListenerContainer container) {
        String group = container.getConsumerGroup();
        String source = property(group);
        String timestamp = configured(group);
        if (container.getMessageModel() == MessageModel.BROADCASTING) {
            if (timestamp != null) {
                throw new BindingPositioningException("Listener " + group + " (topic " + container.getTopic()
                        + ") cannot be positioned: it is a BROADCASTING listener, whose offsets each instance keeps "
                        + "locally; only CLUSTERING listeners can be positioned (remove " + source + ")", null);
            }
            return; // RocketMQ applies a broadcasting consumer's own consumeFromWhere to its local offsets
        }
        if (timestamp == null) {
            DefaultMQPushConsumer consumer = container.getConsumer();
            if (consumer == null || consumer.getConsumeFromWhere() != ConsumeFromWhere.CONSUME_FROM_TIMESTAMP) {
                return;
            }
            String own = consumer.getConsumeTimestamp();
            if (own == null || own.isBlank() || creationTimes.isRocketMqDefault(container, own)) {
                log.warn("Backtrack: listener {} (topic {}) has consumeFromWhere CONSUME_FROM_TIMESTAMP but no "
                        + "consumeTimestamp (RocketMQ's default is half an hour before each start): not positioned. "
                        + "Set {} or call setConsumeTimestamp in prepareStart", group, container.getTopic(),
                        property(group));
                return;
            }
            timestamp = asRocketMqReadsIt(group, own);
            source = "the consumeTimestamp set in prepareStart";
        }
        ConsumerBinding described = listeners.describe(container);
        ConsumerBinding listener = new ConsumerBinding(described.name(), described.topic(), described.group(),
                ConsumeFromWhere.CONSUME_FROM_TIMESTAMP, timestamp, described.nameServer(), described.accessKey(),
                described.secretKey());
        try {
            parser.toEpochMillis(timestamp);
        } catch (InvalidTimeExpressionException e) {
            throw new BindingPositioningException("Listener " + group + ": " + source + " is invalid: "
                    + e.getMessage(), e);
        }
        topicCreator.accept(listener.topic());
        step.position(listener, subject(listener), notPositioned(listener), CREDENTIALS);
    }

    /**
     * The consumer's own time as the instant RocketMQ reads it (local forms in the JVM's zone, not backtrack.zone),
     * written with its offset so that it means the same instant whatever backtrack.zone is.
     */
    private static String asRocketMqReadsIt(String group, String consumeTimestamp) {
        ZoneId jvmZone = ZoneId.systemDefault();
        try {
            return TimeFormats.iso(new TimeExpressionParser(jvmZone).toEpochMillis(consumeTimestamp), jvmZone);
        } catch (InvalidTimeExpressionException e) {
            throw new BindingPositioningException("Listener " + group + ": the consumeTimestamp set in prepareStart "
                    + "is invalid: " + e.getMessage(), e);
        }
    }

    private @Nullable String configured(String group) {
        BacktrackProperties.Listener setting = settings.get(group);
        if (setting == null || setting.getConsumeTimestamp() == null) {
            return null;
        }
        return setting.getConsumeTimestamp();
    }

    private static String notPositioned(ConsumerBinding listener) {
        return "Listener " + listener.group() + " (topic " + listener.topic() + ") could not be positioned at "
                + "consumeTimestamp " + listener.consumeTimestamp() + ": ";
    }

    private static String subject(ConsumerBinding listener) {
        return "Backtrack: listener " + listener.group() + " (topic " + listener.topic() + "), consumeTimestamp "
                + listener.consumeTimestamp();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

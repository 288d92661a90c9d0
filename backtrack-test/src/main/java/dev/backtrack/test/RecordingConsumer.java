package dev.backtrack.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.store.OffsetStore;
import org.apache.rocketmq.client.consumer.store.ReadOffsetType;
import org.apache.rocketmq.client.consumer.store.RemoteBrokerOffsetStore;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.impl.consumer.ProcessQueue;
import org.apache.rocketmq.client.impl.factory.MQClientInstance;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.exception.RemotingConnectException;
import org.jspecify.annotations.Nullable;

/**
 * A RocketMQ push consumer for tests and benchmarks that records every message it receives under a label (its body
 * by default) and waits for labels or counts.
 * <pre>{@code
 * try (RecordingConsumer consumer = RecordingConsumer.start(nameServer, "group", "topic")) {
 *     consumer.awaitLabels(Set.of("m-0", "m-1"), Duration.ofSeconds(60));
 * }
 * }</pre>
 */
public final class RecordingConsumer implements AutoCloseable {

    /** Labels a message by its body read as UTF-8 (the default). */
    public static final Function<MessageExt, String> BODY = m -> new String(m.getBody(), StandardCharsets.UTF_8);

    /** Labels a message by its message id (the producer's unique key). */
    public static final Function<MessageExt, String> MESSAGE_ID = MessageExt::getMsgId;

    private static final long POLL_MILLIS = 20;
    /** How long {@link #close()} waits for messages being handled, so that their offsets are stored too. */
    private static final long SHUTDOWN_WAIT_MILLIS = 10_000;

    private final DefaultMQPushConsumer consumer;
    private final Function<MessageExt, String> labeller;
    private final Map<String, Integer> deliveryCounts = new ConcurrentHashMap<>();
    private final Map<String, MessageExt> lastMessages = new ConcurrentHashMap<>();
    private final List<String> deliveryOrder = new CopyOnWriteArrayList<>();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final Map<String, Integer> failureCounts = new ConcurrentHashMap<>();

    private RecordingConsumer(DefaultMQPushConsumer consumer, Function<MessageExt, String> labeller) {
        this.consumer = consumer;
        this.labeller = labeller;
    }

    /** Starts a consumer of the group on the topic from its first offset, recording bodies. */
    public static RecordingConsumer start(String nameServer, String group, String topic) {
        return on(nameServer, group, topic).start();
    }

    /** A builder for a consumer of the group on the topic (from the first offset, recording bodies, unless set). */
    public static Builder on(String nameServer, String group, String topic) {
        return new Builder(nameServer, group, topic);
    }

    /** How often each label was delivered and failed on purpose ({@link Builder#failing}), by label. */
    public Map<String, Integer> failureCounts() {
        return Map.copyOf(failureCounts);
    }

    private void recordFailure(MessageExt message) {
        failureCounts.merge(labeller.apply(message), 1, Integer::sum);
    }

    private void record(MessageExt message) {
        String label = labeller.apply(message);
        lastMessages.put(label, message);
        deliveryCounts.merge(label, 1, Integer::sum);
        deliveryOrder.add(label);
        deliveries.incrementAndGet();
    }

    /** The distinct labels received so far. */
    public Set<String> labels() {
        return Set.copyOf(deliveryCounts.keySet());
    }

    /** How many distinct labels were received so far. */
    public int count() {
        return deliveryCounts.size();
    }

    /** How many deliveries there were so far, repeats included. */
    public int deliveries() {
        return deliveries.get();
    }

    /** How many times the message with this label was delivered (0 if never). */
    public int deliveries(String label) {
        return deliveryCounts.getOrDefault(label, 0);
    }

    /** A snapshot of the deliveries per label. */
    public Map<String, Integer> deliveryCounts() {
        return Map.copyOf(deliveryCounts);
    }

    /** Every delivery's label, in the order the listener saw them (repeats included). */
    public List<String> deliveryOrder() {
        return List.copyOf(deliveryOrder);
    }

    /** The last message delivered with this label, or null. */
    public @Nullable MessageExt message(String label) {
        return lastMessages.get(label);
    }

    /** The underlying RocketMQ consumer (e.g. to rewind it in place, or read its client id). */
    public DefaultMQPushConsumer consumer() {
        return consumer;
    }

    /** Waits until at least {@code count} distinct labels were received; returns them. */
    public Set<String> awaitCount(int count, Duration timeout) {
        await(() -> deliveryCounts.size() >= count, timeout, count + " distinct messages");
        return labels();
    }

    /** Waits until every given label was received; returns every label received by then. */
    public Set<String> awaitLabels(Collection<String> expected, Duration timeout) {
        await(() -> deliveryCounts.keySet().containsAll(expected), timeout,
                "the messages " + abbreviate(expected.toString()));
        return labels();
    }

    /** Waits until there were at least {@code count} deliveries, repeats included. */
    public void awaitDeliveries(int count, Duration timeout) {
        await(() -> deliveries.get() >= count, timeout, count + " deliveries");
    }

    /** Waits until the condition holds, failing with an {@link AssertionError} naming {@code what} on timeout. */
    public void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + " on group "
                        + consumer.getConsumerGroup() + "; received " + deliveryCounts.size() + " distinct, "
                        + deliveries.get() + " deliveries", new TimeoutException());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * Shuts the consumer down so that a test reading committed offsets right after sees every message it awaited as
     * consumed: stops pulling, waits (up to 10 s) for the messages being handled, stores the group's offsets on the
     * brokers and waits for their answers, then shuts down. RocketMQ's own shutdown stores them with one-way requests
     * whose arrival nobody waits for: a query right after could still read the previous offsets.
     *
     * <p>Returns once the brokers have had the consumer's unregistration (a test may rewind the group as offline right
     * after), not when RocketMQ's shutdown does: that joins a thread of the client which looks for the stop only every
     * 3 s (docs/rocketmq-behaviour.md, row 33), so the rest of it runs on a daemon thread.
     */
    @Override
    public void close() {
        try {
            consumer.suspend();
            awaitNothingInFlight();
            commitOffsets();
        } finally {
            shutDown();
        }
    }

    private void shutDown() {
        MQClientInstance client = consumer.getDefaultMQPushConsumerImpl().getmQClientFactory();
        Thread closer = new Thread(consumer::shutdown, "recording-consumer-shutdown");
        closer.setDaemon(true);
        closer.start();
        // The client stops its pull service right after the unregistration's answers, before the 3 s join.
        while (closer.isAlive() && (client == null || !client.getPullMessageService().isStopped())) {
            pause();
        }
    }

    private void awaitNothingInFlight() {
        long deadline = System.nanoTime() + Duration.ofMillis(SHUTDOWN_WAIT_MILLIS).toNanos();
        while (System.nanoTime() - deadline < 0 && processQueues().values().stream()
                .anyMatch(queue -> !queue.isDropped() && queue.getMsgCount().get() > 0)) {
            pause();
        }
    }

    private void commitOffsets() {
        OffsetStore store = consumer.getDefaultMQPushConsumerImpl().getOffsetStore();
        if (!(store instanceof RemoteBrokerOffsetStore remote)) {
            return; // broadcasting: offsets are kept locally
        }
        for (MessageQueue queue : processQueues().keySet()) {
            long offset = remote.readOffset(queue, ReadOffsetType.READ_FROM_MEMORY);
            if (offset < 0) {
                continue;
            }
            commitOffset(remote, queue, offset);
        }
    }

    /**
     * Stores one queue's offset with a request that waits for the broker's answer, until it is answered; a queue whose
     * broker refuses the connection (a test stopped it) is left, as RocketMQ's own shutdown would leave it.
     */
    private void commitOffset(RemoteBrokerOffsetStore store, MessageQueue queue, long offset) {
        long deadline = System.nanoTime() + TestClients.CALL_TIMEOUT.toNanos();
        while (true) {
            try {
                store.updateConsumeOffsetToBroker(queue, offset, false);
                return;
            } catch (Exception e) {
                if (brokerIsGone(e)) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Could not store offset " + offset + " of " + queue + " for group "
                            + consumer.getConsumerGroup() + " within " + TestClients.CALL_TIMEOUT, e);
                }
                pause();
            }
        }
    }

    private static boolean brokerIsGone(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RemotingConnectException) {
                return true;
            }
            if (cause instanceof MQClientException client && client.getErrorMessage() != null
                    && client.getErrorMessage().contains("not exist")) {
                return true; // RocketMQ's client no longer knows an address for the broker
            }
        }
        return false;
    }

    private Map<MessageQueue, ProcessQueue> processQueues() {
        return consumer.getDefaultMQPushConsumerImpl().getRebalanceImpl().getProcessQueueTable();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while closing a recording consumer", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }

    /** Settings of a {@link RecordingConsumer} before it starts. */
    public static final class Builder {

        private final String nameServer;
        private final String group;
        private final String topic;
        private Function<MessageExt, String> labeller = BODY;
        private Consumer<DefaultMQPushConsumer> configure = c -> { };
        private Consumer<MessageExt> onMessage = m -> { };
        private String tags = "*";
        private Predicate<MessageExt> fails = m -> false;
        private boolean straightToDeadLetters;

        private Builder(String nameServer, String group, String topic) {
            this.nameServer = nameServer;
            this.group = group;
            this.topic = topic;
        }

        /** Labels messages with this function instead of their body (e.g. {@link #MESSAGE_ID}). */
        public Builder labelledBy(Function<MessageExt, String> labeller) {
            this.labeller = labeller;
            return this;
        }

        /** Applies further settings to the RocketMQ consumer before it starts (they override the defaults). */
        public Builder configure(Consumer<DefaultMQPushConsumer> configure) {
            this.configure = this.configure.andThen(configure);
            return this;
        }

        /** Starts from this RocketMQ timestamp (yyyyMMddHHmmss) when the group has no stored offsets. */
        public Builder fromTimestamp(String timestamp) {
            return configure(c -> {
                c.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
                c.setConsumeTimestamp(timestamp);
            });
        }

        /** Subscribes with this tag expression (e.g. {@code "a || b"}) instead of {@code *}. */
        public Builder tags(String expression) {
            this.tags = expression;
            return this;
        }

        /** Runs this for each message in the listener thread before it is recorded (e.g. to hold it in flight). */
        public Builder onMessage(Consumer<MessageExt> hook) {
            this.onMessage = hook;
            return this;
        }

        /**
         * Fails the messages {@code fails} picks (after recording them as delivered), as a listener that throws would:
         * RocketMQ redelivers them through the group's retry topic and, once the consumer's
         * {@code maxReconsumeTimes} ({@link #configure}) is used up, stores them in its dead-letter topic. The consumer
         * handles one message at a time (RocketMQ's default batch), so only the picked ones fail.
         */
        public Builder failing(Predicate<MessageExt> fails) {
            this.fails = fails;
            this.straightToDeadLetters = false;
            return this;
        }

        /**
         * Fails the messages {@code fails} picks with no retry at all: RocketMQ stores each straight in the group's
         * dead-letter topic ({@code %DLQ%group}).
         */
        public Builder deadLettering(Predicate<MessageExt> fails) {
            this.fails = fails;
            this.straightToDeadLetters = true;
            return this;
        }

        /** Starts the consumer. */
        public RecordingConsumer start() {
            DefaultMQPushConsumer consumer = TestClients.sizedForLoad(new DefaultMQPushConsumer(group));
            consumer.setNamesrvAddr(nameServer);
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.setPersistConsumerOffsetInterval(1000); // commit within a second rather than five
            // After its first rebalance the client raises its subscription version and tells the broker in a heartbeat
            // that is skipped when another heartbeat holds the lock; the broker then refuses every pull as "subscription
            // not latest" until the next periodic heartbeat (30 s by default). A 1 s heartbeat bounds that stall.
            consumer.setHeartbeatBrokerInterval(1000);
            consumer.setAwaitTerminationMillisWhenShutdown(SHUTDOWN_WAIT_MILLIS);
            RecordingConsumer recording = new RecordingConsumer(consumer, labeller);
            Consumer<MessageExt> hook = onMessage;
            Predicate<MessageExt> failed = fails;
            boolean noRetry = straightToDeadLetters;
            try {
                consumer.subscribe(topic, tags);
                consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                    boolean failure = false;
                    for (MessageExt message : messages) {
                        hook.accept(message);
                        recording.record(message);
                        if (failed.test(message)) {
                            recording.recordFailure(message);
                            failure = true;
                        }
                    }
                    if (failure) {
                        if (noRetry) {
                            context.setDelayLevelWhenNextConsume(-1);
                        }
                        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                });
                configure.accept(consumer);
                consumer.start();
            } catch (MQClientException e) {
                consumer.shutdown();
                throw new IllegalStateException("Cannot start a recording consumer of group " + group + " on topic "
                        + topic + " at " + nameServer + ": " + e.getErrorMessage(), e);
            }
            return recording;
        }
    }
}

package dev.backtrack.core.replay;

import dev.backtrack.core.RewindException;
import dev.backtrack.core.cluster.ClientCloser;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.cluster.RocketMqClients;
import dev.backtrack.core.journal.JournalIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.MixAll;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a planned window: reads each queue's window again and re-publishes every message that matches the group's
 * tags, synchronously, into the group's retry topic {@code %RETRY%<group>} on the broker that holds the original,
 * several queues side by side and at most at a given rate. The
 * group's push consumers hand these to their listener under the original topic; its committed offsets on the topic
 * are not touched.
 */
public final class WindowReplayer {

    /** The producer group Backtrack re-publishes under. */
    public static final String PRODUCER_GROUP = "BACKTRACK_WINDOW_REPLAYER";
    private static final Logger log = LoggerFactory.getLogger(WindowReplayer.class);
    private static final Duration ROUTE_WAIT = Duration.ofSeconds(15);
    /** How many queues are replayed side by side. */
    private static final int SENDERS = 8;

    private final RocketMqAdmin admin;
    private final UnaryOperator<Sender> senderWrapper;

    /** A replayer on the cluster of {@code admin}. */
    public WindowReplayer(RocketMqAdmin admin) {
        this(admin, UnaryOperator.identity());
    }

    /** A replayer whose sends go through {@code senderWrapper} around the producer's (for tests of failures). */
    WindowReplayer(RocketMqAdmin admin, UnaryOperator<Sender> senderWrapper) {
        this.admin = admin;
        this.senderWrapper = senderWrapper;
    }

    /** Sends one message into a queue, waits for the broker's answer and returns the offset it was stored at. */
    @FunctionalInterface
    interface Sender {
        long send(Message message, MessageQueue target) throws Exception;
    }

    /** Replays the plan's window; a failure part way is returned in the result with what was replayed until then. */
    public WindowReplayResult replay(WindowPlan plan) {
        return replay(plan, SendRate.UNLIMITED);
    }

    /** Replays the plan's window at most at {@code rate}, as {@link #replay(WindowPlan, ReplayRun)} says. */
    public WindowReplayResult replay(WindowPlan plan, SendRate rate) {
        return replay(plan, ReplayRun.of(JournalIds.newId(), rate));
    }

    /**
     * Replays the plan's window as {@code run} says: at most its rate and its limit, each copy marked with its id,
     * each confirmed send told to it, stopped before the next send when it asks. Queues are replayed side by side (up
     * to {@value #SENDERS} at a time), each one's messages in offset order and each send confirmed before the next, so
     * that the result says, per queue, up to which offset it was replayed, however it stopped.
     */
    public WindowReplayResult replay(WindowPlan plan, ReplayRun run) {
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
        QueueSends sends = new QueueSends(plan, retryTopic, retryQueues, run);
        DefaultMQProducer producer = RocketMqClients.of(admin, "window-replay").producer(PRODUCER_GROUP);
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(SENDERS, withMessages.size()), runnable -> {
            Thread thread = new Thread(runnable, "backtrack-window-replay-" + group);
            thread.setDaemon(true);
            return thread;
        });
        List<QueueReplay> replayed = new ArrayList<>();
        try (WindowReader reader = new WindowReader(admin)) {
            producer.start();
            List<Future<QueueReplay>> queues = new ArrayList<>();
            Sender sender = senderWrapper.apply((message, target) -> producer.send(message, target).getQueueOffset());
            for (WindowQueue queue : withMessages) {
                queues.add(senders.submit(() -> sends.replay(queue, reader, sender)));
            }
            for (Future<QueueReplay> queue : queues) {
                QueueReplay done = finished(queue);
                if (done != null) {
                    replayed.add(done);
                }
            }
        } catch (MQClientException e) {
            throw new RewindException("Cannot start a producer on " + admin.settings().nameServer() + ": "
                    + e.getErrorMessage(), e);
        } finally {
            senders.shutdownNow();
            ClientCloser.inBackground("backtrack-window-replay-close", producer::shutdown);
        }
        log.info("Replayed {} messages of {} {} to group {} through {} ({})", replayed.stream()
                .mapToLong(QueueReplay::replayed).sum(), plan.window().topic(), plan.window().describe(), group,
                retryTopic, run.rate().describe());
        return new WindowReplayResult(plan, retryTopic, List.copyOf(replayed), offsetsSet, appliedAt,
                sends.failure());
    }

    private static @Nullable QueueReplay finished(Future<QueueReplay> queue) {
        try {
            return queue.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RewindException("Interrupted while replaying a window", e);
        } catch (ExecutionException e) {
            throw new RewindException("A window replay's sender failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The sends of one replay, queue by queue: the first failure stops every queue before its next send, and each
     * queue reports how far it got.
     */
    private static final class QueueSends {

        private final WindowPlan plan;
        private final String retryTopic;
        private final Map<String, Integer> retryQueues;
        private final ReplayRun run;
        private final Pacer pacer;
        private final AtomicLong budget;
        private final AtomicReference<@Nullable String> failure = new AtomicReference<>();

        QueueSends(WindowPlan plan, String retryTopic, Map<String, Integer> retryQueues, ReplayRun run) {
            this.plan = plan;
            this.retryTopic = retryTopic;
            this.retryQueues = retryQueues;
            this.run = run;
            this.pacer = new Pacer(run.rate());
            this.budget = new AtomicLong(run.limit());
        }

        /** The first failure, as "stopped on BROKER/QUEUE at offset N: CAUSE"; null when there was none. */
        @Nullable String failure() {
            return failure.get();
        }

        /** Replays one queue's part of the window; null when another queue failed before it began. */
        @Nullable QueueReplay replay(WindowQueue queue, WindowReader reader, Sender sender) {
            if (failure.get() != null) {
                return null;
            }
            MessageQueue source = new MessageQueue(plan.window().topic(), queue.broker(), queue.queueId());
            MessageQueue target = new MessageQueue(retryTopic, queue.broker(),
                    queue.queueId() % retryQueues.get(queue.broker()));
            AtomicLong sent = new AtomicLong();
            AtomicLong next = new AtomicLong(queue.beginOffset());
            try {
                reader.read(source, queue.beginOffset(), queue.endOffset(), message -> {
                    if (failure.get() != null) {
                        throw new StoppedByAnotherQueue();
                    }
                    String stop = run.stop().get();
                    if (stop != null) {
                        failure.compareAndSet(null, stop);
                        throw new StoppedByAnotherQueue();
                    }
                    if (plan.takes(message)) {
                        if (budget.getAndDecrement() <= 0) {
                            throw new StoppedByAnotherQueue(); // the limit is reached: not a failure
                        }
                        pacer.awaitTurn();
                        long stored = send(sender, target, ReplayedMessages.copyFor(retryTopic, source, message,
                                run.id()));
                        sent.incrementAndGet();
                        run.onSent().accept(new SentCopy(target, stored, message.getMsgId(),
                                queue.broker() + "/" + queue.queueId(), message.getQueueOffset()));
                    }
                    next.set(message.getQueueOffset() + 1);
                });
                return new QueueReplay(queue.broker(), queue.queueId(), queue.beginOffset(), queue.endOffset(),
                        sent.get());
            } catch (StoppedByAnotherQueue e) {
                return new QueueReplay(queue.broker(), queue.queueId(), queue.beginOffset(), next.get(), sent.get());
            } catch (RuntimeException e) {
                failure.compareAndSet(null, "stopped on " + queue.broker() + "/" + queue.queueId() + " at offset "
                        + next.get() + ": " + e.getMessage());
                return new QueueReplay(queue.broker(), queue.queueId(), queue.beginOffset(), next.get(), sent.get());
            }
        }
    }

    /** Ends a queue's replay early: another queue failed, the run asked to stop or its limit is reached. */
    private static final class StoppedByAnotherQueue extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StoppedByAnotherQueue() {
            super(null, null, false, false);
        }
    }

    private static long send(Sender sender, MessageQueue target, Message m) {
        try {
            return sender.send(m, target);
        } catch (Exception e) {
            throw new RewindException("cannot publish into " + RocketMqAdmin.describe(target) + ": " + e.getMessage(),
                    e);
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

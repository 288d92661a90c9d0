package dev.backtrack.benchmarks.replay;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A raw {@link DefaultLitePullConsumer} with the binding's pull (and so poll) batch, positioned by the core
 * {@link RewindApplier}, and one thread that polls and counts. Its pull threads stay at RocketMQ's 20: each pull is a
 * blocking long poll, so a queue that is caught up holds a pull thread for up to 20 s, and with fewer pull threads than
 * queues the queues that still have messages wait behind it (4 threads on 8 queues replayed about 160 msg/s).
 */
public final class LitePullReplay implements ReplayPath {

    private final String nameServer;
    private final RocketMqAdmin admin;
    private final ReplayTuning tuning;

    /** A lite pull consumer replay on the cluster of {@code nameServer}. */
    public LitePullReplay(String nameServer, RocketMqAdmin admin, ReplayTuning tuning) {
        this.nameServer = nameServer;
        this.admin = admin;
        this.tuning = tuning;
    }

    @Override
    public String label() {
        return "raw DefaultLitePullConsumer, 1 poll thread";
    }

    @Override
    public void replay(RewindPlan plan, ReplayCounter counter) throws Exception {
        new RewindApplier(admin).apply(plan);
        DefaultLitePullConsumer consumer = new DefaultLitePullConsumer(plan.group());
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName(UUID.randomUUID().toString());
        consumer.setPullBatchSize(tuning.pullBatchSize());
        consumer.subscribe(plan.topic(), "*");
        consumer.start();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread poller = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted() && counter.count() < counter.expected()) {
                    for (MessageExt message : consumer.poll(1_000)) {
                        counter.record(OrderIds.idOf(message.getBody()));
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "lite-pull-poller");
        poller.start();
        try {
            counter.awaitCaughtUp(label(), STALL_SECONDS);
        } finally {
            poller.interrupt();
            poller.join(10_000);
            consumer.shutdown();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(label() + ": polling failed", failure.get());
        }
    }
}

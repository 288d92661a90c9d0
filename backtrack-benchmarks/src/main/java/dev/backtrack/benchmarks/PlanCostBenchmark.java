package dev.backtrack.benchmarks;

import dev.backtrack.core.rewind.AdminSettings;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The cost of one rewind plan over 8 queues as the queues grow from 10^4 to 10^6 messages each, measured in the same
 * run on the same embedded broker. A command-line harness: it prints its table on standard output.
 */
public final class PlanCostBenchmark {

    private static final int QUEUES = 8;
    private static final int BATCH = 500;

    private PlanCostBenchmark() {
    }

    /** Runs the plan-cost measurement for the sizes given (default 10000 100000 1000000 messages per queue). */
    public static void main(String[] args) throws Exception {
        run(args);
        System.exit(0);
    }

    static void run(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000, 1_000_000);
        }
        run(sizes, 10, System.out);
    }

    private static void run(List<Integer> sizes, int plans, PrintStream out) throws Exception {
        Path store = Files.createTempDirectory("backtrack-plan-bench-");
        try (EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store)
                .commitLogFileSize(256 * 1024 * 1024).autoCreateTopics(false).build()).start();
                RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            List<Long> middles = new ArrayList<>();
            for (int size : sizes) {
                mq.createTopic("bench-plan-" + size, QUEUES);
                middles.add(fill(mq.nameServerAddress(), "bench-plan-" + size, size));
                requireFilled(admin, "bench-plan-" + size, size);
            }
            RewindPlanner planner = new RewindPlanner(admin);
            List<List<Long>> micros = new ArrayList<>();
            sizes.forEach(size -> micros.add(new ArrayList<>()));
            for (int round = 0; round < 6; round++) { // round 0 warms the JIT up and is not counted
                for (int s = 0; s < sizes.size(); s++) {
                    for (int i = 0; i < plans; i++) {
                        long start = System.nanoTime();
                        planner.plan("bench-plan-group", "bench-plan-" + sizes.get(s), middles.get(s));
                        if (round > 0) {
                            micros.get(s).add((System.nanoTime() - start) / 1_000);
                        }
                    }
                }
            }
            List<long[]> rows = new ArrayList<>();
            for (int s = 0; s < sizes.size(); s++) {
                List<Long> sorted = new ArrayList<>(micros.get(s));
                Collections.sort(sorted);
                rows.add(new long[] {sizes.get(s), sorted.get(sorted.size() / 2), sorted.get(0),
                        sorted.get(sorted.size() - 1)});
            }
            out.println("Rewind plan over " + QUEUES + " queues, time per plan (" + plans * 5
                    + " plans per size, sizes interleaved, after a warm-up round)");
            out.printf("%14s %12s %10s %10s%n", "msgs/queue", "median us", "min us", "max us");
            for (long[] row : rows) {
                out.printf("%14d %12d %10d %10d%n", row[0], row[1], row[2], row[3]);
            }
            long[] first = rows.get(0);
            long[] last = rows.get(rows.size() - 1);
            out.printf("ratio %d : %d = %.2f (log ratio %.2f)%n", last[0], first[0], last[1] / (double) first[1],
                    Math.log(last[0]) / Math.log(first[0]));
        }
    }

    /** Waits until the broker has indexed every message (dispatch to consume queues is asynchronous). */
    private static void requireFilled(RocketMqAdmin admin, String topic, int size) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            long unfilled = admin.queues(topic).stream()
                    .filter(q -> admin.maxOffset(q.brokerAddress(), q.queue()) != size).count();
            if (unfilled == 0) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(topic + ": " + unfilled + " queues do not hold " + size + " messages");
            }
            Thread.sleep(50);
        }
    }

    /** Fills every queue with {@code size} messages sent in batches; returns the store time of a message in the middle. */
    private static long fill(String nameServer, String topic, int size) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("bench-plan-producer");
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        long middle = 0;
        try {
            for (int sent = 0; sent < size; sent += BATCH) {
                if (sent >= size / 2 && middle == 0) {
                    middle = System.currentTimeMillis();
                }
                for (int queueId = 0; queueId < QUEUES; queueId++) {
                    List<Message> batch = new ArrayList<>(BATCH);
                    for (int i = 0; i < Math.min(BATCH, size - sent); i++) {
                        batch.add(new Message(topic, ("m-" + (sent + i)).getBytes(StandardCharsets.UTF_8)));
                    }
                    producer.send(batch, new MessageQueue(topic, "broker-a", queueId));
                }
            }
        } finally {
            producer.shutdown();
        }
        return middle;
    }
}

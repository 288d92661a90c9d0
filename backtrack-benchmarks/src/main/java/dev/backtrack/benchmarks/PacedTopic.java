package dev.backtrack.benchmarks;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the pace benchmarks share: their arguments {@code [rate [seconds]]} (default 200 messages a second for 35
 * seconds), and one embedded broker with a topic of 4 queues holding {@code rate x seconds} messages, stored between
 * {@link #from()} and {@link #until()}.
 */
final class PacedTopic implements AutoCloseable {

    /** Queues of the topic. */
    static final int QUEUES = 4;

    private final int rate;
    private final EmbeddedRocketMq mq;
    private final RocketMqAdmin admin;
    private final String topic;
    private final int total;
    private final long from;
    private final long until;

    private PacedTopic(int rate, EmbeddedRocketMq mq, RocketMqAdmin admin, String topic, int total, long from,
            long until) {
        this.rate = rate;
        this.mq = mq;
        this.admin = admin;
        this.topic = topic;
        this.total = total;
        this.from = from;
        this.until = until;
    }

    /** Reads the arguments of {@code benchmark}, starts the broker and fills {@code topic}. */
    static PacedTopic fill(String benchmark, String[] args, String topic) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(benchmark, args);
        int rate = arguments.count(0, "messages a second", 1, 200);
        int seconds = arguments.count(1, "seconds", 1, 35);
        Path store = Files.createTempDirectory("backtrack-" + benchmark + "-bench-");
        int perQueue = Math.max(1, rate * seconds / QUEUES);
        EmbeddedRocketMq mq = new EmbeddedRocketMq(EmbeddedRocketMqConfig.builder(store).autoCreateTopics(false)
                .build()).start();
        RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()));
        try {
            mq.createTopic(topic, QUEUES);
            long from = System.currentTimeMillis() - 1;
            new TopicFiller(mq.nameServerAddress(), 500).fill(topic, QUEUES, perQueue,
                    sequence -> ("m-" + sequence).getBytes(StandardCharsets.UTF_8));
            TopicFiller.awaitIndexed(admin, topic, perQueue);
            return new PacedTopic(rate, mq, admin, topic, perQueue * QUEUES, from, System.currentTimeMillis() + 1);
        } catch (Exception e) {
            admin.close();
            mq.close();
            throw e;
        }
    }

    int rate() {
        return rate;
    }

    EmbeddedRocketMq mq() {
        return mq;
    }

    RocketMqAdmin admin() {
        return admin;
    }

    String topic() {
        return topic;
    }

    /** Messages in the topic. */
    int total() {
        return total;
    }

    /** Just before the first message was stored, epoch ms. */
    long from() {
        return from;
    }

    /** Just after the last message was stored, epoch ms. */
    long until() {
        return until;
    }

    @Override
    public void close() throws Exception {
        try {
            admin.close();
        } finally {
            mq.close();
        }
    }
}

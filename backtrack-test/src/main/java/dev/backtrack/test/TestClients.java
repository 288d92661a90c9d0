package dev.backtrack.test;

import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/** Plain RocketMQ clients for tests, started and ready (consumers: {@link RecordingConsumer}). */
public final class TestClients {

    private TestClients() {
    }

    /** A started producer of a group of its own on the cluster of {@code nameServer}. */
    public static DefaultMQProducer producer(String nameServer) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("test-producer-" + UUID.randomUUID());
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        return producer;
    }
}

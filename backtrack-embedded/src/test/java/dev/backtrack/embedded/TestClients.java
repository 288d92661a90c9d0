package dev.backtrack.embedded;

import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;

/** A plain RocketMQ producer for the embedded broker's tests (consumers: {@code RecordingConsumer}). */
final class TestClients {

    private TestClients() {
    }

    static DefaultMQProducer producer(String nameServer) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("test-producer-" + UUID.randomUUID());
        producer.setNamesrvAddr(nameServer);
        producer.setInstanceName(UUID.randomUUID().toString());
        producer.start();
        return producer;
    }
}

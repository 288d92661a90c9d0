package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The binding of an existing group, set to consume from T, receives again exactly the orders stored from T. */
class OrdersReplayTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theBindingReplaysExactlyWhatWasStoredFromTheConsumeTimestamp() throws Exception {
        MQ.rocketMq().createTopic("orders", 4);
        Map<Integer, Long> storeTimes = send(20);
        try (RecordingConsumer earlier = RecordingConsumer.start(MQ.nameServerAddress(), "orders-group", "orders")) {
            earlier.awaitCount(20, WAIT);
        }
        long t = storeTimes.get(12);
        Set<Integer> storedFromT = storeTimes.entrySet().stream().filter(e -> e.getValue() >= t)
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OrdersApplication.class).run(
                "--spring.cloud.stream.rocketmq.binder.name-server=" + MQ.nameServerAddress(),
                "--spring.cloud.stream.rocketmq.bindings.orders-in-0.consumer.consumeTimestamp=" + t)) {
            ReceivedOrders received = app.getBean(ReceivedOrders.class);
            await().atMost(WAIT).until(() -> received.deliveries().keySet().containsAll(storedFromT));
            assertThat(received.deliveries().keySet()).containsExactlyInAnyOrderElementsOf(storedFromT);
            assertThat(received.deliveries().values()).as("deliveries per order").containsOnly(1);
        }
    }

    /** Sends orders 0..count-1; returns each one's store time on the broker. */
    private static Map<Integer, Long> send(int count) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("orders-producer");
        producer.setNamesrvAddr(MQ.nameServerAddress());
        producer.start();
        try {
            Map<Integer, Long> storeTimes = new TreeMap<>();
            for (int id = 0; id < count; id++) {
                byte[] body = ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
                SendResult sent = producer.send(new Message("orders", body));
                @SuppressWarnings("deprecation")
                long storeTime = producer.viewMessage("orders", sent.getOffsetMsgId()).getStoreTimestamp();
                storeTimes.put(id, storeTime);
            }
            return storeTimes;
        } finally {
            producer.shutdown();
        }
    }
}

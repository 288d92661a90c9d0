package dev.backtrack.autoconfigure.binder;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.cloud.stream.binder.rocketmq.integration.inbound.RocketMQConsumerFactory;
import com.alibaba.cloud.stream.binder.rocketmq.properties.RocketMQConsumerProperties;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

/**
 * The released RocketMQ binder builds its push consumer without the binding's consumeTimestamp: the consumer keeps
 * RocketMQ's default, half an hour before it was created (docs/rocketmq-behaviour.md, fact 1).
 */
class BinderConsumeTimestampTest {

    private static final DateTimeFormatter CLIENT_FORM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Test
    void theBinderDropsTheBindingsConsumeTimestamp() {
        RocketMQConsumerProperties rocketMq = new RocketMQConsumerProperties();
        rocketMq.setGroup("binder-fact-group");
        rocketMq.setNameServer("127.0.0.1:9876");
        rocketMq.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        rocketMq.setConsumeTimestamp("20220117110148");

        String before = LocalDateTime.now().minusMinutes(31).format(CLIENT_FORM);
        DefaultMQPushConsumer consumer = RocketMQConsumerFactory.initPushConsumer(
                new ExtendedConsumerProperties<>(rocketMq));
        String after = LocalDateTime.now().minusMinutes(29).format(CLIENT_FORM);

        assertThat(consumer.getConsumeFromWhere()).isEqualTo(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
        assertThat(consumer.getConsumeTimestamp()).isNotEqualTo("20220117110148")
                .as("RocketMQ's default: half an hour before the consumer was created")
                .isBetween(before, after);
    }
}

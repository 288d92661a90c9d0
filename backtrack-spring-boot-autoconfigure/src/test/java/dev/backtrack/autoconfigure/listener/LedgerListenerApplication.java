package dev.backtrack.autoconfigure.listener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQPushConsumerLifecycleListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A rocketmq-spring application whose one listener records every delivery by message id. */
@SpringBootConfiguration
@EnableAutoConfiguration
class LedgerListenerApplication {

    @Bean
    LedgerListener ledgerListener(@Value("${test.prepare-start-timestamp:}") String prepareStartTimestamp,
            @Value("${test.prepare-start-from-timestamp:false}") boolean fromTimestamp) {
        return new LedgerListener(prepareStartTimestamp, fromTimestamp);
    }

    /** Starts the application on {@code nameServer} for (group, topic) with extra {@code args}. */
    static ConfigurableApplicationContext start(String nameServer, String group, String topic, String... args) {
        List<String> all = new CopyOnWriteArrayList<>(List.of(
                "--spring.application.name=" + group,
                "--rocketmq.name-server=" + nameServer,
                "--test.group=" + group,
                "--test.topic=" + topic,
                "--spring.cloud.stream.rocketmq.binder.name-server=" + nameServer,
                "--spring.jmx.enabled=false"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(LedgerListenerApplication.class).web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new));
    }

    /** Records deliveries; in prepareStart, optionally asks RocketMQ to start from a timestamp. */
    @RocketMQMessageListener(consumerGroup = "${test.group}", topic = "${test.topic}")
    static class LedgerListener implements RocketMQListener<MessageExt>, RocketMQPushConsumerLifecycleListener {

        private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        private final List<Delivery> log = new CopyOnWriteArrayList<>();
        private final String prepareStartTimestamp;
        private final boolean fromTimestamp;

        LedgerListener(String prepareStartTimestamp, boolean fromTimestamp) {
            this.prepareStartTimestamp = prepareStartTimestamp;
            this.fromTimestamp = fromTimestamp;
        }

        @Override
        public void onMessage(MessageExt message) {
            deliveries.merge(message.getMsgId(), 1, Integer::sum);
            log.add(new Delivery(message.getMsgId(), System.currentTimeMillis()));
        }

        @Override
        public void prepareStart(DefaultMQPushConsumer consumer) {
            if (fromTimestamp || !prepareStartTimestamp.isEmpty()) {
                consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_TIMESTAMP);
            }
            if (!prepareStartTimestamp.isEmpty()) {
                consumer.setConsumeTimestamp(prepareStartTimestamp);
            }
        }

        /** Deliveries per message id so far. */
        Map<String, Integer> deliveries() {
            return Map.copyOf(deliveries);
        }

        /** Every delivery so far, in order. */
        List<Delivery> log() {
            return List.copyOf(log);
        }

        boolean receivedAll(Set<String> ids) {
            return deliveries.keySet().containsAll(ids);
        }
    }

    /** One delivery of a message, with the wall time it reached the listener. */
    record Delivery(String id, long at) {
    }
}

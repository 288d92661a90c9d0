package dev.backtrack.autoconfigure.listener;

import dev.backtrack.test.DeliveryLedger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQPushConsumerLifecycleListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

        private final DeliveryLedger ledger = new DeliveryLedger();
        private final String prepareStartTimestamp;
        private final boolean fromTimestamp;

        LedgerListener(String prepareStartTimestamp, boolean fromTimestamp) {
            this.prepareStartTimestamp = prepareStartTimestamp;
            this.fromTimestamp = fromTimestamp;
        }

        @Override
        public void onMessage(MessageExt message) {
            ledger.delivered(message.getMsgId());
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

        /** Every delivery so far. */
        DeliveryLedger ledger() {
            return ledger;
        }
    }

    /** The deliveries the application's listener got so far. */
    static DeliveryLedger ledger(ConfigurableApplicationContext app) {
        return app.getBean(LedgerListener.class).ledger();
    }
}

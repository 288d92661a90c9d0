package dev.backtrack.autoconfigure.listener;

import org.apache.rocketmq.spring.annotation.MessageModel;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A rocketmq-spring application with one BROADCASTING listener on {@code test.topic} as {@code test.group}. */
@SpringBootConfiguration
@EnableAutoConfiguration
class BroadcastListenerApplication {

    @Bean
    BroadcastListener broadcastListener() {
        return new BroadcastListener();
    }

    @RocketMQMessageListener(consumerGroup = "${test.group}", topic = "${test.topic}",
            messageModel = MessageModel.BROADCASTING)
    static class BroadcastListener implements RocketMQListener<String> {
        @Override
        public void onMessage(String message) {
        }
    }
}

package dev.backtrack.example.rocketmqspring;

import java.nio.charset.StandardCharsets;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Logs every order tagged {@code test03} on {@code test-topic3}, as the seed does. */
@Service
@RocketMQMessageListener(topic = ProduceController.TOPIC, selectorExpression = ProduceController.TAG,
        consumerGroup = ReceiveService.GROUP)
public class ReceiveService implements RocketMQListener<MessageExt> {

    /** The listener's consumer group: {@code backtrack.listeners.<GROUP>.consume-timestamp} positions it. */
    public static final String GROUP = "backtracking-listener-group";
    private static final Logger log = LoggerFactory.getLogger(ReceiveService.class);

    @Override
    public void onMessage(MessageExt message) {
        log.info("接收到回溯消息:{}", new String(message.getBody(), StandardCharsets.UTF_8));
    }
}

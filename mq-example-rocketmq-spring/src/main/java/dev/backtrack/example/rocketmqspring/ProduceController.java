package dev.backtrack.example.rocketmqspring;

import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sends the seed's order with RocketMQTemplate: delay level 2 (5 s), tag {@code test03}. */
@RestController
public class ProduceController {

    /** The topic the seed uses. */
    static final String TOPIC = "test-topic3";
    /** The tag the seed puts on every order. */
    static final String TAG = "test03";
    /** RocketMQ delay level 2 = 5 seconds. */
    static final int DELAY_LEVEL = 2;
    private static final long SEND_TIMEOUT_MILLIS = 3_000;

    private final RocketMQTemplate template;

    /** Creates the controller over the application's RocketMQTemplate. */
    public ProduceController(RocketMQTemplate template) {
        this.template = template;
    }

    /** Sends {@code Order{id:1, desc:"test"}} to {@code test-topic3:test03}. */
    @GetMapping("/produce")
    public void produceMsg() {
        SendResult result = template.syncSend(TOPIC + ":" + TAG,
                MessageBuilder.withPayload(new Order(1L, "test")).build(), SEND_TIMEOUT_MILLIS, DELAY_LEVEL);
        if (result.getSendStatus() != SendStatus.SEND_OK) {
            throw new IllegalStateException("The order was not stored: " + result.getSendStatus());
        }
    }
}

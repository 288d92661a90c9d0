package dev.backtrack.example;

import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageConst;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sends the seed's order: delay level 2 (5 s), tag {@code test03}. */
@RestController
public class ProduceController {

    /** RocketMQ delay level 2 = 5 seconds. */
    static final int DELAY_LEVEL = 2;
    /** The tag the seed puts on every order. */
    static final String TAG = "test03";

    private final StreamBridge streamBridge;

    /** Creates the controller over the application's stream bridge. */
    public ProduceController(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    /** Sends {@code Order{id:1, desc:"test"}} to the {@code output-order} binding. */
    @GetMapping("/produce")
    public void produceMsg() {
        Map<String, Object> headers = new HashMap<>(16);
        headers.put(MessageConst.PROPERTY_DELAY_TIME_LEVEL, DELAY_LEVEL);
        headers.put(MessageConst.PROPERTY_TAGS, TAG);
        Order order = new Order(1L, "test");
        Message<Order> message = MessageBuilder.createMessage(order, new MessageHeaders(headers));
        if (!streamBridge.send(Bindings.OUTPUT_ORDER, message)) {
            throw new IllegalStateException("The order was not accepted by binding " + Bindings.OUTPUT_ORDER);
        }
    }
}

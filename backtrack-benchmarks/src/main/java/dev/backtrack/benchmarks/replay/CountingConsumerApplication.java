package dev.backtrack.benchmarks.replay;

import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

/**
 * A Spring Cloud Stream application with the Backtrack starter whose handlers do nothing but count order ids:
 * {@code countOrders} has the payload converted from JSON to {@link BenchOrder} (the seed's shape),
 * {@code countMessages} takes a {@code Message<?>}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CountingConsumerApplication {

    @Autowired
    private ReplayCounter counter;

    /** Counts each message, taken as a generic message. */
    @Bean
    public Consumer<Message<?>> countMessages() {
        return message -> counter.record(OrderIds.idOf(message.getPayload()));
    }

    /** Counts each message after the binder converted it to an object. */
    @Bean
    public Consumer<BenchOrder> countOrders() {
        return order -> counter.record(order.id());
    }

    /**
     * The replayed message's JSON shape.
     *
     * @param id sequence number
     * @param desc padding that makes the message 1 KiB
     */
    public record BenchOrder(long id, String desc) {
    }
}

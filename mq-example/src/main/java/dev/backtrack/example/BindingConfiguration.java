package dev.backtrack.example;

import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binds {@link ReceiveService} to {@code input-backtracking} (Spring Cloud Stream's functional model). */
@Configuration(proxyBeanMethods = false)
public class BindingConfiguration {

    /** The consumer function; {@code spring.cloud.stream.function.bindings} names its binding input-backtracking. */
    @Bean
    public Consumer<Message<String>> receiveBackTrackingInput(ReceiveService receiveService) {
        return message -> receiveService.receiveBackTrackingInput(message.getPayload(), message, message.getHeaders());
    }
}

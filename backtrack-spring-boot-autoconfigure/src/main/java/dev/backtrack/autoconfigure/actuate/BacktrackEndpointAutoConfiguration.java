package dev.backtrack.autoconfigure.actuate;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import dev.backtrack.core.time.TimeExpressionParser;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Registers the {@code backtrack} actuator endpoint; every operation requires {@code backtrack.endpoint.role}. */
@AutoConfiguration(after = BacktrackPositioningAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, RocketMQMessageChannelBinder.class})
@ConditionalOnAvailableEndpoint(endpoint = BacktrackEndpoint.class)
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackEndpointAutoConfiguration {

    /** The RocketMQ consumers of this application, for rewinding them in place. */
    @Bean
    @ConditionalOnMissingBean
    public LocalConsumers backtrackLocalConsumers() {
        return new LocalConsumers();
    }

    /** Lets the RocketMQ binder report the consumers it creates. */
    @Bean
    @ConditionalOnMissingBean(BinderCustomizer.class)
    public BinderCustomizer backtrackBinderCustomizer(LocalConsumers consumers) {
        return (binder, name) -> {
            if (binder instanceof RocketMQMessageChannelBinder rocketMq) {
                rocketMq.setConsumerEndpointCustomizer(consumers::register);
            }
        };
    }

    /** The endpoint over the application's RocketMQ consumer bindings. */
    @Bean
    @ConditionalOnMissingBean
    public BacktrackEndpoint backtrackEndpoint(Environment environment, BacktrackProperties properties,
            LocalConsumers consumers) {
        return new BacktrackEndpoint(() -> ConsumerBindings.all(environment),
                new TimeExpressionParser(properties.getZone()), properties.getEndpoint().getRole(),
                properties.getJournal().getTopic(), consumers);
    }
}

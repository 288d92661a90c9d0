package dev.backtrack.autoconfigure.control;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import java.lang.management.ManagementFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Lets operators rewind this application's consumers in place, from any instance, the endpoint or the CLI. */
@AutoConfiguration(after = EmbeddedRocketMqAutoConfiguration.class)
@ConditionalOnClass(RocketMQMessageChannelBinder.class)
@ConditionalOnProperty(prefix = "backtrack.control", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackControlAutoConfiguration {

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

    /** The listener for rewind orders on the control topic. */
    @Bean
    public BacktrackControl backtrackControl(Environment environment, LocalConsumers consumers,
            BacktrackProperties properties) {
        String instance = environment.getProperty("spring.application.name", "application") + "@"
                + ManagementFactory.getRuntimeMXBean().getName();
        return new BacktrackControl(() -> ConsumerBindings.all(environment), consumers,
                properties.getControl().getTopic(), instance);
    }
}

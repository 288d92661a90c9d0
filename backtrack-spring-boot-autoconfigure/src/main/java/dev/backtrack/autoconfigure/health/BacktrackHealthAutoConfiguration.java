package dev.backtrack.autoconfigure.health;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.control.BacktrackControlAutoConfiguration;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.autoconfigure.metrics.BindingsClusterAdmin;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import dev.backtrack.autoconfigure.runs.BacktrackRunsAutoConfiguration;
import dev.backtrack.autoconfigure.runs.PausedRuns;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Registers the {@code backtrack} health contributor when Spring Boot Actuator's health support is present. */
@AutoConfiguration(after = {BacktrackControlAutoConfiguration.class, EmbeddedRocketMqAutoConfiguration.class,
        BacktrackRunsAutoConfiguration.class})
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
        RocketMQMessageChannelBinder.class})
@ConditionalOnEnabledHealthIndicator("backtrack")
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackHealthAutoConfiguration {

    /** The health contributor named {@code backtrack}. */
    @Bean(name = "backtrackHealthIndicator")
    @ConditionalOnMissingBean(name = "backtrackHealthIndicator")
    public BacktrackHealthIndicator backtrackHealthIndicator(Environment environment, BacktrackProperties properties,
            ObjectProvider<ConsumerSource> sources, ObjectProvider<BacktrackControl> control,
            ObjectProvider<PausedRuns> pausedRuns, BeanFactory beans) {
        BindingsClusterAdmin admin = new BindingsClusterAdmin(() -> ConsumerSource.all(
                ConsumerBindings.all(environment), sources.orderedStream()), properties.getTimeout());
        return new BacktrackHealthIndicator(admin, control::getIfAvailable, properties.getControl().isEnabled(),
                EmbeddedBrokerState.of(beans), pausedRuns::getIfAvailable);
    }
}

package dev.backtrack.autoconfigure.positioning;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.core.positioning.StartupPositioner;
import dev.backtrack.core.positioning.StartupPositioning;
import dev.backtrack.core.time.TimeExpressionParser;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Makes {@code consumeFromWhere: CONSUME_FROM_TIMESTAMP} + {@code consumeTimestamp} work, to the millisecond. */
@AutoConfiguration(after = EmbeddedRocketMqAutoConfiguration.class)
@ConditionalOnClass({StartupPositioner.class, RocketMQMessageChannelBinder.class})
@ConditionalOnProperty(prefix = "backtrack.positioning", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackPositioningAutoConfiguration {

    /** Parses time expressions in the configured zone. */
    @Bean
    @ConditionalOnMissingBean
    public TimeExpressionParser backtrackTimeExpressionParser(BacktrackProperties properties) {
        return new TimeExpressionParser(properties.getZone());
    }

    /** Positions the RocketMQ consumer groups on their clusters. */
    @Bean
    @ConditionalOnMissingBean
    public BindingPositioner backtrackBindingPositioner(TimeExpressionParser parser, BacktrackProperties properties) {
        return new RocketMqBindingPositioner(parser, properties.getJournal().getTopic(), Duration.ofSeconds(5));
    }

    /** Applies every CONSUME_FROM_TIMESTAMP binding before Spring Cloud Stream starts its consumers. */
    @Bean
    public TimestampPositioningLifecycle backtrackTimestampPositioning(Environment environment,
            BindingPositioner positioner, TimeExpressionParser parser, BacktrackProperties properties) {
        StartupPositioning rule = properties.getPositioning().getMode();
        String actor = environment.getProperty("spring.application.name", "application") + "@"
                + ManagementFactory.getRuntimeMXBean().getName();
        return new TimestampPositioningLifecycle(() -> ConsumerBindings.timestampBindings(environment), positioner, rule, parser,
                actor, properties.getPositioning().getOnJournalFailure());
    }
}

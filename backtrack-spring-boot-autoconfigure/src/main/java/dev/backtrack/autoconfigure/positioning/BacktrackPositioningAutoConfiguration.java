package dev.backtrack.autoconfigure.positioning;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackInstanceConfiguration;
import dev.backtrack.autoconfigure.BacktrackInstanceName;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.core.positioning.StartupPositioner;
import dev.backtrack.core.positioning.StartupPositioning;
import dev.backtrack.core.time.TimeExpressionParser;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Makes {@code consumeFromWhere: CONSUME_FROM_TIMESTAMP} + {@code consumeTimestamp} work, to the millisecond. */
@AutoConfiguration(after = EmbeddedRocketMqAutoConfiguration.class)
@ConditionalOnClass({StartupPositioner.class, RocketMQMessageChannelBinder.class})
@ConditionalOnProperty(prefix = "backtrack.positioning", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BacktrackProperties.class)
@Import(BacktrackInstanceConfiguration.class)
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
        return new RocketMqBindingPositioner(parser, properties.getJournal().getTopic(), properties.getTimeout());
    }

    /** Applies every CONSUME_FROM_TIMESTAMP binding before Spring Cloud Stream starts its consumers. */
    @Bean
    public TimestampPositioningLifecycle backtrackTimestampPositioning(Environment environment,
            BindingPositioner positioner, TimeExpressionParser parser, BacktrackProperties properties,
            BacktrackInstanceName instanceName) {
        StartupPositioning rule = properties.getPositioning().getMode();
        return new TimestampPositioningLifecycle(() -> ConsumerBindings.timestampBindings(environment), positioner, rule, parser,
                instanceName.value(), properties.getPositioning().getOnJournalFailure());
    }
}

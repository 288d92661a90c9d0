package dev.backtrack.autoconfigure.runs;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers the view of paused runs that the {@code backtrack.runs.paused} gauge, the health contributor and the
 * endpoint share, when Spring Boot Actuator is present.
 */
@AutoConfiguration
@ConditionalOnClass({HealthIndicator.class, RocketMQMessageChannelBinder.class})
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackRunsAutoConfiguration {

    /** The journal on the cluster of the application's first binding, read for paused runs. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public BindingsJournal backtrackRunsJournal(Environment environment, BacktrackProperties properties,
            ObjectProvider<ConsumerSource> sources) {
        return new BindingsJournal(() -> {
            List<ConsumerBinding> all = ConsumerSource.all(ConsumerBindings.all(environment), sources.orderedStream());
            return all.isEmpty() ? null : all.get(0).adminSettings(properties.getTimeout());
        }, properties.getJournal().getTopic());
    }

    /** The paused runs, the journal read at most every {@link PausedRuns#MAX_AGE}. */
    @Bean
    @ConditionalOnMissingBean
    public PausedRuns backtrackPausedRuns(BindingsJournal journal) {
        return new PausedRuns(journal::entries, PausedRuns.MAX_AGE);
    }
}

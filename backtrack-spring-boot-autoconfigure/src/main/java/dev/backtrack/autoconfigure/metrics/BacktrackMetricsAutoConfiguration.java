package dev.backtrack.autoconfigure.metrics;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.positioning.BindingPositioner;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import dev.backtrack.autoconfigure.runs.BacktrackRunsAutoConfiguration;
import dev.backtrack.autoconfigure.runs.PausedRuns;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Micrometer metrics of Backtrack, when Micrometer and a {@link MeterRegistry} are present: {@code backtrack.rewinds},
 * {@code backtrack.positionings}, {@code backtrack.rewind.messages}, {@code backtrack.rewind.in-place},
 * {@code backtrack.replay.remaining} and {@code backtrack.runs.paused}.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
        BacktrackRunsAutoConfiguration.class})
@ConditionalOnClass({MeterRegistry.class, MetricsAutoConfiguration.class, RocketMQMessageChannelBinder.class})
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackMetricsAutoConfiguration {

    /** The admin client the replay gauges read offsets with, closed with the context. */
    @Bean(destroyMethod = "close")
    public BindingsClusterAdmin backtrackMetricsClusterAdmin(Environment environment, BacktrackProperties properties,
            ObjectProvider<ConsumerSource> sources) {
        return new BindingsClusterAdmin(() -> ConsumerSource.all(ConsumerBindings.all(environment),
                sources.orderedStream()), properties.getTimeout());
    }

    /** The observer that turns rewinds and positionings into metrics. */
    @Bean
    @ConditionalOnMissingBean
    public RewindObserver backtrackRewindObserver(MeterRegistry registry, BindingsClusterAdmin admin) {
        return new MicrometerRewindObserver(registry, new ReplayRemainingGauges(registry, admin::admin));
    }

    /** The gauge of the runs of window replays and redrives that are paused. */
    @Bean
    @ConditionalOnBean(PausedRuns.class)
    @ConditionalOnMissingBean
    public PausedRunsGauge backtrackPausedRunsGauge(PausedRuns runs) {
        return new PausedRunsGauge(runs);
    }

    /** Counts the outcome of every start-up positioning of a binding. */
    @Bean
    static BeanPostProcessor backtrackObservedPositioner(ObjectProvider<RewindObserver> observer) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof BindingPositioner positioner && !(bean instanceof ObservedBindingPositioner)
                        ? new ObservedBindingPositioner(positioner, new LazyObserver(observer)) : bean;
            }
        };
    }

    /** Looks the observer up when first told something (the post-processor exists before it). */
    private record LazyObserver(ObjectProvider<RewindObserver> observer) implements RewindObserver {
        @Override
        public void positioned(String outcome) {
            observer.getIfAvailable(() -> RewindObserver.NONE).positioned(outcome);
        }
    }
}

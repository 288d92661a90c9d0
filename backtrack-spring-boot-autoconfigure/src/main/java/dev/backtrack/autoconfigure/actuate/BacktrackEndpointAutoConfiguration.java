package dev.backtrack.autoconfigure.actuate;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.control.BacktrackControlAutoConfiguration;
import dev.backtrack.autoconfigure.metrics.BacktrackMetricsAutoConfiguration;
import dev.backtrack.autoconfigure.metrics.RewindObserver;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import dev.backtrack.autoconfigure.runs.BacktrackRunsAutoConfiguration;
import dev.backtrack.autoconfigure.runs.PausedRuns;
import dev.backtrack.core.time.TimeExpressionParser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Registers the {@code backtrack} actuator endpoint; every operation requires {@code backtrack.endpoint.role}. */
@AutoConfiguration(after = {BacktrackPositioningAutoConfiguration.class, BacktrackControlAutoConfiguration.class,
        BacktrackMetricsAutoConfiguration.class, BacktrackRunsAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, RocketMQMessageChannelBinder.class})
@ConditionalOnAvailableEndpoint(endpoint = BacktrackEndpoint.class)
@EnableConfigurationProperties(BacktrackProperties.class)
public class BacktrackEndpointAutoConfiguration {

    /** The endpoint over the application's RocketMQ consumer bindings and rocketmq-spring listeners. */
    @Bean
    @ConditionalOnMissingBean
    public BacktrackEndpoint backtrackEndpoint(Environment environment, BacktrackProperties properties,
            ObjectProvider<BacktrackControl> control, ObjectProvider<ConsumerSource> sources,
            ObjectProvider<RewindObserver> observer, ObjectProvider<PausedRuns> pausedRuns) {
        return new BacktrackEndpoint(() -> ConsumerSource.all(ConsumerBindings.all(environment),
                sources.orderedStream()),
                new TimeExpressionParser(properties.getZone()), properties.getEndpoint().getRole(),
                properties.getJournal().getTopic(), control::getIfAvailable, properties.getTimeout(),
                properties.getProxies(), () -> observer.getIfAvailable(() -> RewindObserver.NONE),
                () -> pausedRuns.ifAvailable(PausedRuns::forget));
    }

    /** On servlet applications: a clear 400 for a request body the endpoint cannot read. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(HandlerExceptionResolver.class)
    static class UnreadableRequestBodyConfiguration {

        @Bean
        UnreadableRequestBodyResolver backtrackUnreadableRequestBodyResolver(
                ObjectProvider<PathMappedEndpoints> paths) {
            return new UnreadableRequestBodyResolver(() -> {
                PathMappedEndpoints endpoints = paths.getIfAvailable();
                return endpoints == null ? null : endpoints.getPath(EndpointId.of("backtrack"));
            });
        }
    }
}

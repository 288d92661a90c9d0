package dev.backtrack.autoconfigure.listener;

import dev.backtrack.autoconfigure.BacktrackInstanceConfiguration;
import dev.backtrack.autoconfigure.BacktrackInstanceName;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BindingPositioner;
import dev.backtrack.autoconfigure.positioning.RocketMqBindingPositioner;
import dev.backtrack.core.positioning.StartupPositioner;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.embedded.EmbeddedRocketMq;
import org.apache.rocketmq.spring.autoconfigure.RocketMQProperties;
import org.apache.rocketmq.spring.support.DefaultRocketMQListenerContainer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * rocketmq-spring listeners ({@code @RocketMQMessageListener}): positioned by time before they start, and listed and
 * rewound in place beside the Spring Cloud Stream bindings.
 */
@AutoConfiguration(after = {EmbeddedRocketMqAutoConfiguration.class, BacktrackPositioningAutoConfiguration.class})
@ConditionalOnClass({DefaultRocketMQListenerContainer.class, StartupPositioner.class})
@EnableConfigurationProperties(BacktrackProperties.class)
@Import(BacktrackInstanceConfiguration.class)
public class BacktrackListenerAutoConfiguration {

    /** The application's listener containers, for positioning, the control channel and the endpoint. */
    @Bean
    @ConditionalOnMissingBean
    public ListenerContainers backtrackListenerContainers(ListableBeanFactory beans, Environment environment) {
        return new ListenerContainers(beans, environment);
    }

    /** Notes when each container created its consumer, to recognise RocketMQ's default consumeTimestamp. */
    @Bean
    public static ListenerCreationTimes backtrackListenerCreationTimes() {
        return new ListenerCreationTimes();
    }

    /** Positioning of listeners at start-up. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "backtrack.positioning", name = "enabled", matchIfMissing = true)
    static class Positioning {

        @Bean
        @ConditionalOnMissingBean
        TimeExpressionParser backtrackTimeExpressionParser(BacktrackProperties properties) {
            return new TimeExpressionParser(properties.getZone());
        }

        @Bean
        @ConditionalOnMissingBean
        BindingPositioner backtrackBindingPositioner(TimeExpressionParser parser, BacktrackProperties properties) {
            return new RocketMqBindingPositioner(parser, properties.getJournal().getTopic(), properties.getTimeout());
        }

        @Bean
        ListenerPositioningLifecycle backtrackListenerPositioning(ListenerContainers listeners,
                ListenerCreationTimes creationTimes, BindingPositioner positioner, TimeExpressionParser parser,
                BacktrackProperties properties, BacktrackInstanceName instanceName,
                ObjectProvider<ListenerTopicCreator> topics) {
            return new ListenerPositioningLifecycle(listeners, properties.getListeners(), creationTimes, positioner,
                    properties.getPositioning().getMode(), parser, instanceName.value(),
                    properties.getPositioning().getOnJournalFailure(),
                    topic -> topics.ifAvailable(creator -> creator.ensure(topic)));
        }
    }

    /** On the embedded broker: rocketmq-spring waits for it, and listeners' topics are created before positioning. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EmbeddedRocketMq.class)
    @ConditionalOnProperty(prefix = "backtrack.embedded", name = "enabled", havingValue = "true")
    static class OnEmbeddedRocketMq {

        @Bean
        static AbstractDependsOnBeanFactoryPostProcessor rocketMqPropertiesDependOnEmbeddedRocketMq() {
            return new AbstractDependsOnBeanFactoryPostProcessor(RocketMQProperties.class, "embeddedRocketMq") {
            };
        }

        @Bean
        @ConditionalOnBean(EmbeddedRocketMq.class)
        ListenerTopicCreator backtrackListenerTopicCreator(EmbeddedRocketMq rocketMq) {
            return rocketMq::ensureTopic;
        }
    }
}

package dev.backtrack.autoconfigure.control;

import com.alibaba.cloud.stream.binder.rocketmq.RocketMQMessageChannelBinder;
import dev.backtrack.autoconfigure.BacktrackInstanceConfiguration;
import dev.backtrack.autoconfigure.BacktrackInstanceName;
import dev.backtrack.autoconfigure.BacktrackProperties;
import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Lets operators rewind this application's consumers in place, from any instance, the endpoint or the CLI. */
@AutoConfiguration(after = EmbeddedRocketMqAutoConfiguration.class)
@ConditionalOnClass(RocketMQMessageChannelBinder.class)
@ConditionalOnProperty(prefix = "backtrack.control", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(BacktrackProperties.class)
@Import(BacktrackInstanceConfiguration.class)
public class BacktrackControlAutoConfiguration {

    private static final String BINDER_CUSTOMIZER = "backtrackBinderCustomizer";

    /** The RocketMQ consumers of this application, for rewinding them in place. */
    @Bean
    @ConditionalOnMissingBean
    public LocalConsumers backtrackLocalConsumers(ObjectProvider<ConsumerSource> sources) {
        LocalConsumers consumers = new LocalConsumers();
        sources.orderedStream().forEach(consumers::addSource);
        return consumers;
    }

    /**
     * Lets the RocketMQ binder report the consumers it creates, after running the application's own BinderCustomizer
     * beans (Spring Cloud Stream applies only the unique or primary one: this one, see
     * {@link #backtrackBinderCustomizerIsPrimary()}).
     */
    @Bean(BINDER_CUSTOMIZER)
    public BacktrackBinderCustomizer backtrackBinderCustomizer(LocalConsumers consumers,
            ObjectProvider<BinderCustomizer> customizers) {
        return new BacktrackBinderCustomizer(consumers, customizers);
    }

    /**
     * Makes {@link #backtrackBinderCustomizer} the primary BinderCustomizer, and the application's ones not primary:
     * Spring Cloud Stream takes a single BinderCustomizer, and ours runs the application's.
     */
    @Bean
    public static BeanFactoryPostProcessor backtrackBinderCustomizerIsPrimary() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition(BINDER_CUSTOMIZER)) {
                return;
            }
            for (String name : beanFactory.getBeanNamesForType(BinderCustomizer.class, true, false)) {
                if (beanFactory.containsBeanDefinition(name)) {
                    beanFactory.getBeanDefinition(name).setPrimary(name.equals(BINDER_CUSTOMIZER));
                }
            }
        };
    }

    /** The listener for rewind orders on the control topic. */
    @Bean
    public BacktrackControl backtrackControl(Environment environment, LocalConsumers consumers,
            BacktrackProperties properties, BacktrackInstanceName instanceName,
            ObjectProvider<ConsumerSource> sources) {
        return new BacktrackControl(() -> ConsumerSource.all(ConsumerBindings.all(environment),
                sources.orderedStream()), consumers,
                properties.getControl().getTopic(), instanceName.value(), properties.getTimeout());
    }
}

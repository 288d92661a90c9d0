package dev.backtrack.autoconfigure.binder;

import com.alibaba.cloud.stream.binder.rocketmq.properties.RocketMQBinderConfigurationProperties;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** When RocketMQ is not embedded, checks at start-up that the binder's name server answers. */
@AutoConfiguration(after = EmbeddedRocketMqAutoConfiguration.class)
@ConditionalOnClass({RocketMQBinderConfigurationProperties.class, BinderFactory.class})
@ConditionalOnProperty(prefix = "backtrack.embedded", name = "enabled", havingValue = "false", matchIfMissing = true)
@ConditionalOnProperty(prefix = "backtrack.name-server-check", name = "enabled", matchIfMissing = true)
public class NameServerCheckAutoConfiguration {

    /** The default the RocketMQ binder itself uses when no name server is set. */
    static final String BINDER_DEFAULT_NAME_SERVER = "127.0.0.1:9876";

    /** Checks the binder's name server before the binders start. */
    @Bean
    public NameServerStartupCheck nameServerStartupCheck(Environment environment) {
        String nameServer = environment.getProperty(EmbeddedRocketMqAutoConfiguration.BINDER_NAME_SERVER,
                BINDER_DEFAULT_NAME_SERVER);
        Duration timeout = environment.getProperty("backtrack.name-server-check.timeout", Duration.class,
                Duration.ofSeconds(3));
        return new NameServerStartupCheck(nameServer, EmbeddedRocketMqAutoConfiguration.BINDER_NAME_SERVER, timeout);
    }

    /** Makes the binder factory wait for the check. */
    @Bean
    static AbstractDependsOnBeanFactoryPostProcessor binderFactoryDependsOnNameServerCheck() {
        return new AbstractDependsOnBeanFactoryPostProcessor(BinderFactory.class, "nameServerStartupCheck") {
        };
    }
}

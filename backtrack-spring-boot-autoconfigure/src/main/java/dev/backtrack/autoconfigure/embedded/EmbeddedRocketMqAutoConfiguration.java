package dev.backtrack.autoconfigure.embedded;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.embedded.EmbeddedRocketMqException;
import dev.backtrack.embedded.EmbeddedSetting;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** Starts the embedded RocketMQ before any binder and points the RocketMQ binder and rocketmq-spring at it. */
@AutoConfiguration
@ConditionalOnClass(EmbeddedRocketMq.class)
@ConditionalOnProperty(prefix = "backtrack.embedded", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(EmbeddedRocketMqProperties.class)
public class EmbeddedRocketMqAutoConfiguration {

    /** Property source that carries the embedded name server's address. */
    public static final String PROPERTY_SOURCE_NAME = "backtrackEmbeddedRocketMq";
    /** The RocketMQ binder's name-server property. */
    public static final String BINDER_NAME_SERVER = "spring.cloud.stream.rocketmq.binder.name-server";
    /** rocketmq-spring's name-server property (RocketMQTemplate and @RocketMQMessageListener). */
    public static final String ROCKETMQ_SPRING_NAME_SERVER = "rocketmq.name-server";

    /** The running embedded cluster; its address overrides the binder's configured name server. */
    @Bean(destroyMethod = "stop")
    public EmbeddedRocketMq embeddedRocketMq(EmbeddedRocketMqProperties properties, ConfigurableEnvironment environment) {
        EmbeddedRocketMq rocketMq = new EmbeddedRocketMq(toConfig(properties)).start();
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(
                BINDER_NAME_SERVER, rocketMq.nameServerAddress(),
                ROCKETMQ_SPRING_NAME_SERVER, rocketMq.nameServerAddress(),
                "backtrack.embedded.name-server-address", rocketMq.nameServerAddress())));
        BindingDestinations.of(environment).forEach(rocketMq::ensureTopic);
        return rocketMq;
    }

    /** Lets the RocketMQ clients on the embedded cluster stop without their 3 s wait when the context closes. */
    @Bean
    EmbeddedClientsShutdown embeddedClientsShutdown(ApplicationContext context, EmbeddedRocketMq embeddedRocketMq) {
        return new EmbeddedClientsShutdown(context, embeddedRocketMq);
    }

    static EmbeddedRocketMqConfig toConfig(EmbeddedRocketMqProperties properties) {
        long fileSize = properties.getCommitLogFileSize().toBytes();
        if (fileSize > Integer.MAX_VALUE) {
            throw new EmbeddedRocketMqException(EmbeddedSetting.COMMIT_LOG_FILE_SIZE, "Commit-log file size "
                    + properties.getCommitLogFileSize() + " is too large; accepted: 1MB to 2047MB");
        }
        EmbeddedRocketMqConfig.Builder config = EmbeddedRocketMqConfig.builder(properties.getStoreDir())
                .nameServerPort(properties.getNameServerPort())
                .brokerPort(properties.getBrokerPort())
                .brokerCount(properties.getBrokerCount())
                .commitLogFileSize((int) fileSize)
                .defaultQueuesPerBroker(properties.getQueuesPerBroker());
        if (properties.getProxy().isEnabled()) {
            config.proxy(properties.getProxy().getGrpcPort(), properties.getProxy().getRemotingPort());
        }
        return config.build();
    }

    /** Makes every Spring Cloud Stream binder factory wait for the embedded broker. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(BinderFactory.class)
    static class BinderDependsOnEmbeddedRocketMq {

        @Bean
        static AbstractDependsOnBeanFactoryPostProcessor binderFactoryDependsOnEmbeddedRocketMq() {
            return new AbstractDependsOnBeanFactoryPostProcessor(BinderFactory.class, "embeddedRocketMq") {
            };
        }
    }
}

package dev.backtrack.autoconfigure.binder;

import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the Stream binder, and Backtrack with it, at rocketmq-spring's name server when only that one is configured.
 *
 * <p>An application with only rocketmq-spring listeners sets {@code rocketmq.name-server}; the binder that the starter
 * brings would otherwise look for its own default, {@code 127.0.0.1:9876}. A binder name server set anywhere wins.
 */
public class BinderNameServerDefault implements EnvironmentPostProcessor {

    /** Property source that carries the default. */
    static final String PROPERTY_SOURCE_NAME = "backtrackBinderNameServerDefault";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(EmbeddedRocketMqAutoConfiguration.BINDER_NAME_SERVER)
                || !environment.containsProperty(EmbeddedRocketMqAutoConfiguration.ROCKETMQ_SPRING_NAME_SERVER)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(
                EmbeddedRocketMqAutoConfiguration.BINDER_NAME_SERVER,
                "${" + EmbeddedRocketMqAutoConfiguration.ROCKETMQ_SPRING_NAME_SERVER + "}")));
    }
}

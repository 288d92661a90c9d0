package dev.backtrack.autoconfigure.binder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class BinderNameServerDefaultTest {

    private static final String BINDER = "spring.cloud.stream.rocketmq.binder.name-server";

    @Test
    void aListenerOnlyApplicationPointsTheBinderAtRocketMqSpringsNameServer() {
        StandardEnvironment environment = environment(Map.of("rocketmq.name-server", "10.0.0.5:9876"));

        new BinderNameServerDefault().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(BINDER)).isEqualTo("10.0.0.5:9876");
    }

    @Test
    void aBinderNameServerSetByTheApplicationWins() {
        StandardEnvironment environment = environment(Map.of("rocketmq.name-server", "10.0.0.5:9876",
                BINDER, "10.0.0.6:9876"));

        new BinderNameServerDefault().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(BINDER)).isEqualTo("10.0.0.6:9876");
    }

    @Test
    void withoutRocketMqSpringsNameServerTheBinderKeepsItsOwnDefault() {
        StandardEnvironment environment = environment(Map.of());

        new BinderNameServerDefault().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.containsProperty(BINDER)).isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}

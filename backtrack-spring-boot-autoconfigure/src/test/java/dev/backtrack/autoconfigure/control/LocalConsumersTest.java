package dev.backtrack.autoconfigure.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** How the binder's consumers reach {@link LocalConsumers}, in a real application on a real broker. */
@ExtendWith(OutputCaptureExtension.class)
class LocalConsumersTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();
    private static final String FALLBACK = "rewinds of this application's consumers will use RocketMQ's "
            + "broker-driven reset (10-30 s)";

    @Test
    void anApplicationsBinderCustomizerAndEndpointCustomizerRunAndItsConsumersCanBeRewoundInPlace() {
        try (ConfigurableApplicationContext app = start("own-customizer", SinkApplication.class,
                ApplicationCustomizer.class)) {
            assertBothCustomizersRan(app, "own-customizer");
        }
    }

    @Test
    void aPrimaryApplicationBinderCustomizerIsComposedToo() {
        try (ConfigurableApplicationContext app = start("primary-customizer", SinkApplication.class,
                PrimaryApplicationCustomizer.class)) {
            assertBothCustomizersRan(app, "primary-customizer");
        }
    }

    @Test
    void aRenamedBinderFieldLogsOneWarningNamingTheFallbackAndFindsNoConsumer(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("renamed-field", SinkApplication.class,
                RenamedField.class)) {
            try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()))) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> admin.onlineClients("renamed-field-group").size() == 1);
            }
            assertThat(app.getBean(LocalConsumers.class).find("renamed-field-group", "renamed-field-topic")).isEmpty();
            assertThat(occurrences(output.getOut() + output.getErr(), FALLBACK)).isEqualTo(1);
            assertThat(output.getOut() + output.getErr()).contains("WARN").contains("field 'pushConsumerRenamed' of "
                    + "RocketMQInboundChannelAdapter");
        }
    }

    private static void assertBothCustomizersRan(ConfigurableApplicationContext app, String name) {
        LocalConsumers consumers = app.getBean(LocalConsumers.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> consumers.find(name + "-group", name + "-topic").isPresent());
        Recorder recorder = app.getBean(Recorder.class);
        assertThat(recorder.binders).as("the application's BinderCustomizer ran")
                .contains("RocketMQMessageChannelBinder");
        assertThat(recorder.endpoints).as("the application's consumer endpoint customizer ran")
                .contains(name + "-topic|" + name + "-group");
    }

    private static ConfigurableApplicationContext start(String name, Class<?>... sources) {
        MQ.rocketMq().createTopic(name + "-topic", 2);
        return new SpringApplicationBuilder(sources).web(WebApplicationType.NONE).run(
                "--spring.application.name=" + name,
                "--spring.cloud.function.definition=sink",
                "--spring.cloud.stream.bindings.sink-in-0.destination=" + name + "-topic",
                "--spring.cloud.stream.bindings.sink-in-0.group=" + name + "-group",
                "--spring.cloud.stream.rocketmq.binder.name-server=" + MQ.nameServerAddress(),
                "--spring.jmx.enabled=false");
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** What the application's own customizers saw. */
    static class Recorder {
        final List<String> binders = new CopyOnWriteArrayList<>();
        final List<String> endpoints = new CopyOnWriteArrayList<>();

        BinderCustomizer customizer() {
            return (binder, binderName) -> {
                binders.add(binder.getClass().getSimpleName());
                if (binder instanceof AbstractMessageChannelBinder<?, ?, ?> channelBinder) {
                    channelBinder.setConsumerEndpointCustomizer(
                            (endpoint, destination, group) -> endpoints.add(destination + "|" + group));
                }
            };
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class SinkApplication {
        @Bean
        Consumer<String> sink() {
            return message -> {
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationCustomizer {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        BinderCustomizer applicationBinderCustomizer(Recorder recorder) {
            return recorder.customizer();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryApplicationCustomizer {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        @Primary
        BinderCustomizer applicationBinderCustomizer(Recorder recorder) {
            return recorder.customizer();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RenamedField {
        @Bean
        LocalConsumers localConsumers() {
            return new LocalConsumers("pushConsumerRenamed");
        }
    }
}

package dev.backtrack.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.binder.NameServerCheckAutoConfiguration;
import dev.backtrack.autoconfigure.binder.NameServerStartupCheck;
import dev.backtrack.autoconfigure.binder.NameServerUnreachableException;
import dev.backtrack.autoconfigure.binder.NameServerUnreachableFailureAnalyzer;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqFailureAnalyzer;
import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.embedded.EmbeddedRocketMqException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EmbeddedRocketMqAutoConfigurationTest {

    @TempDir
    Path store;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(EmbeddedRocketMqAutoConfiguration.class, NameServerCheckAutoConfiguration.class));

    @Test
    void enabledStartsABrokerPointsTheBinderAtItAndCreatesBindingDestinations() {
        runner.withPropertyValues("backtrack.embedded.enabled=true",
                        "backtrack.embedded.store-dir=" + store,
                        "backtrack.embedded.name-server-port=0", "backtrack.embedded.broker-port=0",
                        "spring.cloud.stream.rocketmq.binder.name-server=10.255.255.1:9876",
                        "spring.cloud.stream.bindings.input-x.destination=topic-one",
                        "spring.cloud.stream.bindings.output-y.destination=topic-two, topic-three")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EmbeddedRocketMq.class)
                            .doesNotHaveBean(NameServerStartupCheck.class);
                    EmbeddedRocketMq mq = context.getBean(EmbeddedRocketMq.class);
                    assertThat(context.getEnvironment().getProperty("spring.cloud.stream.rocketmq.binder.name-server"))
                            .isEqualTo(mq.nameServerAddress());
                    EmbeddedBroker broker = mq.brokers().get(0);
                    for (String topic : new String[] {"topic-one", "topic-two", "topic-three"}) {
                        assertThat(broker.controller().getTopicConfigManager().selectTopicConfig(topic))
                                .as(topic).isNotNull();
                    }
                });
    }

    @Test
    void disabledStartsNothingAndChecksTheConfiguredNameServer() {
        runner.withPropertyValues("spring.cloud.stream.rocketmq.binder.name-server=127.0.0.1:1")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context).getFailure().rootCause().isInstanceOf(java.net.ConnectException.class);
                    NameServerUnreachableException error = findCause(context.getStartupFailure(),
                            NameServerUnreachableException.class);
                    assertThat(error).hasMessageContaining("127.0.0.1:1")
                            .hasMessageContaining("spring.cloud.stream.rocketmq.binder.name-server")
                            .hasMessageContaining("does not answer");
                    FailureAnalysis analysis = new NameServerUnreachableFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getAction()).contains("spring.cloud.stream.rocketmq.binder.name-server")
                            .contains("backtrack.embedded.enabled=true");
                });
    }

    @Test
    void aMalformedNameServerIsRejectedWithTheAcceptedForm() {
        runner.withPropertyValues("spring.cloud.stream.rocketmq.binder.name-server=localhost")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("'localhost'")
                        .hasMessageContaining("host:port"));
        runner.withPropertyValues("spring.cloud.stream.rocketmq.binder.name-server=localhost:99999")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("port 99999 is outside 1-65535"));
    }

    @Test
    void anOccupiedPortFailsStartupNamingTheProperty() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            runner.withPropertyValues("backtrack.embedded.enabled=true", "backtrack.embedded.store-dir=" + store,
                            "backtrack.embedded.name-server-port=" + taken.getLocalPort())
                    .run(context -> {
                        assertThat(context).hasFailed();
                        EmbeddedRocketMqException error = findCause(context.getStartupFailure(),
                                EmbeddedRocketMqException.class);
                        assertThat(error).hasMessageContaining("already in use");
                        FailureAnalysis analysis = new EmbeddedRocketMqFailureAnalyzer().analyze(context.getStartupFailure());
                        assertThat(analysis.getAction()).contains("backtrack.embedded.name-server-port");
                        assertThat(analysis.getDescription()).contains(String.valueOf(taken.getLocalPort()));
                    });
        }
    }

    @Test
    void anUnwritableStoreDirectoryFailsStartupNamingTheProperty() throws IOException {
        Path file = java.nio.file.Files.writeString(store.resolve("file"), "x");
        runner.withPropertyValues("backtrack.embedded.enabled=true", "backtrack.embedded.store-dir=" + file.resolve("sub"))
                .run(context -> {
                    FailureAnalysis analysis = new EmbeddedRocketMqFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains(file.resolve("sub").toString());
                    assertThat(analysis.getAction()).contains("backtrack.embedded.store-dir");
                });
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
    }
}

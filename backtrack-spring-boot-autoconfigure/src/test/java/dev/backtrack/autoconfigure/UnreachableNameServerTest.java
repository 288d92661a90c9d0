package dev.backtrack.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.binder.NameServerCheckAutoConfiguration;
import dev.backtrack.autoconfigure.embedded.EmbeddedRocketMqAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Scenario 6: the binder's name server is a closed port when the application starts. */
class UnreachableNameServerTest {

    private static final String CLOSED = "127.0.0.1:" + closedPort();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EmbeddedRocketMqAutoConfiguration.class,
                    NameServerCheckAutoConfiguration.class, BacktrackPositioningAutoConfiguration.class))
            .withPropertyValues("backtrack.embedded.enabled=false",
                    "spring.cloud.stream.rocketmq.binder.name-server=" + CLOSED,
                    "spring.cloud.stream.bindings.in.destination=orders",
                    "spring.cloud.stream.bindings.in.group=order-readers",
                    "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeFromWhere=CONSUME_FROM_TIMESTAMP",
                    "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=-1h");

    @Test
    void positioningFailsNamingTheAddressAndTheBinding() {
        // The start-up check is off here, so that positioning itself meets the closed port.
        runner.withPropertyValues("backtrack.name-server-check.enabled=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining("Binding in (group order-readers, topic orders) could not be positioned")
                    .hasStackTraceContaining("name server " + CLOSED + " does not answer (cannot connect");
        });
    }

    @Test
    void withTheCheckOnStartUpStopsBeforePositioningNamingTheAddressAndTheProperty() {
        runner.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("The RocketMQ name server " + CLOSED
                    + " (spring.cloud.stream.rocketmq.binder.name-server) does not answer");
        });
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

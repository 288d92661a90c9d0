package dev.backtrack.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BindingPositioner;
import dev.backtrack.autoconfigure.positioning.BindingPositioningException;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.autoconfigure.positioning.ConsumerBindings;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class BacktrackPositioningAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BacktrackPositioningAutoConfiguration.class))
            .withPropertyValues("spring.cloud.stream.bindings.in.destination=orders",
                    "spring.cloud.stream.bindings.in.group=order-readers",
                    "spring.cloud.stream.rocketmq.binder.name-server=127.0.0.1:1",
                    "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeFromWhere=CONSUME_FROM_TIMESTAMP");

    @Test
    void anInvalidConsumeTimestampStopsStartupNamingThePropertyAndTheAcceptedForms() {
        for (String wrong : new String[] {"2022-13-01 00:00:00", "yesterday-ish", "12345678901234567890"}) {
            runner.withPropertyValues("spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=" + wrong)
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure().getCause()).isInstanceOf(BindingPositioningException.class)
                                .hasMessageContaining("Binding in: "
                                        + "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp is invalid")
                                .hasMessageContaining(wrong)
                                .hasMessageContaining("yyyyMMddHHmmss");
                    });
        }
    }

    @Test
    void anIllegalArgumentFromPositioningIsReportedAsAFailureToPositionNotAsABadTime() {
        BindingPositioner failing = (binding, rule, actor) -> {
            throw new IllegalArgumentException("queue id -1 is out of range");
        };
        runner.withBean(BindingPositioner.class, () -> failing)
                .withPropertyValues("spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=-1h")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure().getCause()).isInstanceOf(BindingPositioningException.class)
                            .hasMessage("Binding in (group order-readers, topic orders) could not be positioned at "
                                    + "consumeTimestamp -1h: queue id -1 is out of range")
                            .message().doesNotContain("is invalid");
                });
    }

    @Test
    void aMissingConsumeTimestampOrGroupIsNamed() {
        runner.run(context -> assertThat(context.getStartupFailure().getCause())
                .hasMessageContaining("spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp is not set"));
        runner.withPropertyValues("spring.cloud.stream.bindings.in.group=",
                        "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=now")
                .run(context -> assertThat(context.getStartupFailure().getCause())
                        .hasMessageContaining("spring.cloud.stream.bindings.in.group is not set"));
    }

    @Test
    void wrongBacktrackSettingsAreRejectedNamingWhatIsAccepted() {
        runner.withPropertyValues("backtrack.zone=Mars/Base")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("Mars/Base"));
        runner.withPropertyValues("backtrack.positioning.mode=SOMETIMES")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("SOMETIMES")
                        .hasStackTraceContaining("backtrack.positioning.mode"));
        runner.withPropertyValues("backtrack.positioning.on-journal-failure=SOMETIMES")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("SOMETIMES")
                        .hasStackTraceContaining("backtrack.positioning.on-journal-failure"));
        runner.withPropertyValues("backtrack.journal.topic=bad topic!")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("backtrack.journal.topic: Topic name 'bad topic!' has characters "
                                + "RocketMQ rejects"));
    }

    @Test
    void positioningCanBeSwitchedOff() {
        runner.withPropertyValues("backtrack.positioning.enabled=false",
                        "spring.cloud.stream.rocketmq.bindings.in.consumer.consumeTimestamp=not-a-time")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void readsConsumerBindingsAsTheBinderDoesWithDefaultsAndRelaxedNames() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.bindings.a.destination", "topic-a")
                .withProperty("spring.cloud.stream.bindings.a.group", "group-a")
                .withProperty("spring.cloud.stream.rocketmq.bindings.a.consumer.consume-from-where", "CONSUME_FROM_TIMESTAMP")
                .withProperty("spring.cloud.stream.rocketmq.bindings.a.consumer.consume-timestamp", "-1h")
                .withProperty("spring.cloud.stream.rocketmq.bindings.b.consumer.consumeFromWhere", "CONSUME_FROM_LAST_OFFSET")
                .withProperty("spring.cloud.stream.rocketmq.bindings.c.consumer.consumeFromWhere", "CONSUME_FROM_TIMESTAMP")
                .withProperty("spring.cloud.stream.rocketmq.bindings.c.consumer.enabled", "false")
                .withProperty("spring.cloud.stream.rocketmq.binder.name-server", "10.0.0.5:9876")
                .withProperty("spring.cloud.stream.rocketmq.binder.access-key", "ak")
                .withProperty("spring.cloud.stream.rocketmq.binder.secret-key", "sk");
        assertThat(ConsumerBindings.timestampBindings(environment)).containsExactly(
                new ConsumerBinding("a", "topic-a", "group-a", ConsumeFromWhere.CONSUME_FROM_TIMESTAMP, "-1h",
                        "10.0.0.5:9876", "ak", "sk"));
    }
}

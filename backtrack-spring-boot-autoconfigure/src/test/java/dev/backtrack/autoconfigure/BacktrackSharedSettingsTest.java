package dev.backtrack.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.actuate.BacktrackEndpoint;
import dev.backtrack.autoconfigure.actuate.BacktrackEndpointAutoConfiguration;
import dev.backtrack.autoconfigure.control.BacktrackControl;
import dev.backtrack.autoconfigure.control.BacktrackControlAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BacktrackPositioningAutoConfiguration;
import dev.backtrack.autoconfigure.positioning.BindingPositioner;
import dev.backtrack.autoconfigure.positioning.TimestampPositioningLifecycle;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The settings positioning, the control channel and the endpoint share: backtrack.timeout and the instance's name. */
class BacktrackSharedSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BacktrackPositioningAutoConfiguration.class,
                    BacktrackControlAutoConfiguration.class, BacktrackEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=backtrack",
                    "spring.application.name=orders");

    @Test
    void backtrackTimeoutReachesPositioningTheControlChannelAndTheEndpoint() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BacktrackProperties.class).getTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
        runner.withPropertyValues("backtrack.timeout=750ms").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BindingPositioner.class)).extracting("timeout").isEqualTo(Duration.ofMillis(750));
            assertThat(context.getBean(BacktrackControl.class)).extracting("timeout")
                    .isEqualTo(Duration.ofMillis(750));
            assertThat(context.getBean(BacktrackEndpoint.class)).extracting("timeout")
                    .isEqualTo(Duration.ofMillis(750));
        });
    }

    @Test
    void aWrongTimeoutStopsStartupNamingThePropertyAndWhatIsAccepted() {
        runner.withPropertyValues("backtrack.timeout=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("backtrack.timeout")
                    .hasStackTraceContaining("soon");
        });
        for (String wrong : new String[] {"0s", "-5s"}) {
            runner.withPropertyValues("backtrack.timeout=" + wrong).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "backtrack.timeout must be a positive duration such as 5s, 500ms or PT10S; was ");
            });
        }
    }

    @Test
    void oneInstanceNameIsTheActorOfPositioningAndTheSenderOfAcknowledgements() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(BacktrackInstanceName.class);
            String name = context.getBean(BacktrackInstanceName.class).value();
            assertThat(name).isEqualTo("orders@" + ManagementFactory.getRuntimeMXBean().getName());
            assertThat(context.getBean(TimestampPositioningLifecycle.class)).extracting("step.actor").isEqualTo(name);
            assertThat(context.getBean(BacktrackControl.class)).extracting("instance").isEqualTo(name);
        });
        runner.withBean(BacktrackInstanceName.class, () -> new BacktrackInstanceName("orders-blue-7"))
                .run(context -> {
                    assertThat(context).hasSingleBean(BacktrackInstanceName.class);
                    assertThat(context.getBean(TimestampPositioningLifecycle.class)).extracting("step.actor")
                            .isEqualTo("orders-blue-7");
                    assertThat(context.getBean(BacktrackControl.class)).extracting("instance")
                            .isEqualTo("orders-blue-7");
                });
    }
}

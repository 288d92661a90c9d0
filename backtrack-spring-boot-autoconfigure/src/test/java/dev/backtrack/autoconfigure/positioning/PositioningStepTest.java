package dev.backtrack.autoconfigure.positioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.positioning.StartupPositioning;
import java.time.ZoneOffset;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PositioningStepTest {

    private static final ConsumerBinding BINDING = new ConsumerBinding("in", "orders", "readers",
            ConsumeFromWhere.CONSUME_FROM_TIMESTAMP, "-1h", "127.0.0.1:9876", null, null);

    @Test
    void aGroupConsumingInBroadcastingModeIsLeftAloneWithAWarningAndTheApplicationStarts(CapturedOutput output) {
        PositioningStep step = step((binding, rule, actor) -> {
            throw new BroadcastingGroupException(binding.group());
        });

        step.position(BINDING, "Backtrack: binding in", "Binding in could not be positioned: ", "the keys");

        assertThat(output.getOut()).contains("Backtrack: binding in: NOT positioned: ")
                .contains("readers").containsIgnoringCase("broadcasting");
    }

    @Test
    void anyOtherFailureStopsStartUpNamingTheBinding() {
        PositioningStep step = step((binding, rule, actor) -> {
            throw new IllegalStateException("name server 127.0.0.1:9876 does not answer");
        });

        assertThatThrownBy(() -> step.position(BINDING, "Backtrack: binding in",
                "Binding in could not be positioned: ", "the keys"))
                .isInstanceOf(BindingPositioningException.class)
                .hasMessage("Binding in could not be positioned: name server 127.0.0.1:9876 does not answer");
    }

    private static PositioningStep step(BindingPositioner positioner) {
        return new PositioningStep(positioner, StartupPositioning.ONCE, "test", OnJournalFailure.FAIL,
                ZoneOffset.UTC);
    }
}

package dev.backtrack.autoconfigure.positioning;

import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.positioning.PositioningOutcome;
import dev.backtrack.core.positioning.StartupPositioner;
import dev.backtrack.core.positioning.StartupPositioning;
import dev.backtrack.core.rewind.AdminSettings;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.RocketMqAdmin;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.Clock;
import java.time.Duration;

/** Opens the core's admin client and journal on the binding's cluster, positions, and closes them again. */
public class RocketMqBindingPositioner implements BindingPositioner {

    private final TimeExpressionParser parser;
    private final String journalTopic;
    private final Duration timeout;

    /** Creates a positioner that parses times with {@code parser} and journals to {@code journalTopic}. */
    public RocketMqBindingPositioner(TimeExpressionParser parser, String journalTopic, Duration timeout) {
        this.parser = parser;
        this.journalTopic = journalTopic;
        this.timeout = timeout;
    }

    @Override
    public PositioningOutcome position(ConsumerBinding binding, StartupPositioning rule, String actor) {
        AdminSettings settings = new AdminSettings(binding.nameServer(), binding.accessKey(), binding.secretKey(),
                timeout);
        try (RocketMqAdmin admin = new RocketMqAdmin(settings);
                RewindJournal journal = RewindJournal.openForWriting(admin, journalTopic)) {
            StartupPositioner positioner = new StartupPositioner(new RewindPlanner(admin), new RewindApplier(admin),
                    journal, parser, Clock.systemUTC());
            return positioner.position(binding.group(), binding.topic(), binding.consumeTimestamp(), rule, actor);
        }
    }
}

package dev.backtrack.autoconfigure.positioning;

import dev.backtrack.core.claim.ClaimQueue;
import dev.backtrack.core.claim.SettingClaims;
import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.positioning.PositioningOutcome;
import dev.backtrack.core.positioning.StartupPositioner;
import dev.backtrack.core.positioning.StartupPositioning;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.time.TimeExpressionParser;
import java.time.Clock;
import java.time.Duration;

/** Opens the core's admin client, journal and claims on the binding's cluster, positions, and closes them again. */
public class RocketMqBindingPositioner implements BindingPositioner {

    private final TimeExpressionParser parser;
    private final String journalTopic;
    private final Duration timeout;
    private final Duration lease;

    /** Creates a positioner that parses times with {@code parser} and journals to {@code journalTopic}. */
    public RocketMqBindingPositioner(TimeExpressionParser parser, String journalTopic, Duration timeout) {
        this(parser, journalTopic, timeout, SettingClaims.DEFAULT_LEASE);
    }

    /** Creates a positioner whose claims on a setting hold for {@code lease} unless recorded or given up earlier. */
    public RocketMqBindingPositioner(TimeExpressionParser parser, String journalTopic, Duration timeout,
            Duration lease) {
        this.parser = parser;
        this.journalTopic = journalTopic;
        this.timeout = timeout;
        this.lease = lease;
    }

    @Override
    public PositioningOutcome position(ConsumerBinding binding, StartupPositioning rule, String actor) {
        AdminSettings settings = new AdminSettings(binding.nameServer(), binding.accessKey(), binding.secretKey(),
                timeout);
        try (RocketMqAdmin admin = new RocketMqAdmin(settings);
                RewindJournal journal = RewindJournal.openForWriting(admin, journalTopic);
                SettingClaims claims = new SettingClaims(
                        () -> ClaimQueue.open(admin, SettingClaims.claimTopic(journalTopic)), lease,
                        SettingClaims.DEFAULT_POLL)) {
            StartupPositioner positioner = new StartupPositioner(new RewindPlanner(admin), new RewindApplier(admin),
                    journal, claims, parser, Clock.systemUTC());
            return positioner.position(binding.group(), binding.topic(), binding.consumeTimestamp(), rule, actor);
        }
    }
}

package dev.backtrack.autoconfigure.positioning;

import dev.backtrack.core.positioning.PositioningOutcome;
import dev.backtrack.core.positioning.StartupPositioning;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.time.InvalidTimeExpressionException;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.core.time.TimeFormats;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.SmartLifecycle;

/**
 * Before Spring Cloud Stream starts its consumer bindings, moves every CONSUME_FROM_TIMESTAMP binding's group to
 * the first message stored at or after its consumeTimestamp.
 */
public class TimestampPositioningLifecycle implements SmartLifecycle {

    /** Runs just before Spring Cloud Stream's input bindings (phase Integer.MAX_VALUE - 3000). */
    public static final int PHASE = Integer.MAX_VALUE - 4000;
    /** The property that says what to do when the journal cannot be read. */
    public static final String ON_JOURNAL_FAILURE = "backtrack.positioning.on-journal-failure";
    /** The settings a binding's RocketMQ credentials come from. */
    static final String BINDER_CREDENTIALS = "spring.cloud.stream.rocketmq.binder.access-key and secret-key";

    private final Supplier<List<ConsumerBinding>> bindings;
    private final TimeExpressionParser parser;
    private final PositioningStep step;
    private volatile boolean running;

    /** Positions the bindings (read when the context starts) under {@code rule}, recording {@code actor} in the journal. */
    public TimestampPositioningLifecycle(Supplier<List<ConsumerBinding>> bindings, BindingPositioner positioner,
            StartupPositioning rule, TimeExpressionParser parser, String actor) {
        this(bindings, positioner, rule, parser, actor, OnJournalFailure.FAIL);
    }

    /** As above; {@code onJournalFailure} says what to do when the journal cannot be read. */
    public TimestampPositioningLifecycle(Supplier<List<ConsumerBinding>> bindings, BindingPositioner positioner,
            StartupPositioning rule, TimeExpressionParser parser, String actor, OnJournalFailure onJournalFailure) {
        this.bindings = bindings;
        this.parser = parser;
        this.step = new PositioningStep(positioner, rule, actor, onJournalFailure, parser.zone());
    }

    @Override
    public void start() {
        for (ConsumerBinding binding : bindings.get()) {
            position(binding);
        }
        running = true;
    }

    private void position(ConsumerBinding binding) {
        requireSetting(binding.topic(), binding, "spring.cloud.stream.bindings." + binding.name() + ".destination");
        requireSetting(binding.group(), binding, "spring.cloud.stream.bindings." + binding.name() + ".group");
        requireSetting(binding.consumeTimestamp(), binding, binding.timestampProperty());
        try {
            parser.toEpochMillis(binding.consumeTimestamp());
        } catch (InvalidTimeExpressionException e) {
            throw new BindingPositioningException("Binding " + binding.name() + ": " + binding.timestampProperty()
                    + " is invalid: " + e.getMessage(), e);
        }
        step.position(binding, subject(binding), notPositioned(binding), BINDER_CREDENTIALS);
    }

    private static String notPositioned(ConsumerBinding binding) {
        return "Binding " + binding.name() + " (group " + binding.group() + ", topic " + binding.topic()
                + ") could not be positioned at consumeTimestamp " + binding.consumeTimestamp() + ": ";
    }

    private static String subject(ConsumerBinding binding) {
        return "Backtrack: binding " + binding.name() + " (group " + binding.group() + ", topic " + binding.topic()
                + "), consumeTimestamp " + binding.consumeTimestamp();
    }

    String describe(ConsumerBinding binding, PositioningOutcome outcome) {
        return describe(subject(binding), outcome, parser.zone());
    }

    /** The log line saying what positioning {@code subject} (a consumer and its time) did, times in {@code zone}. */
    public static String describe(String subject, PositioningOutcome outcome, ZoneId zone) {
        return switch (outcome.action()) {
            case ALREADY_APPLIED -> subject + " was applied before (at "
                    + TimeFormats.iso(outcome.earlier().appliedAt(), zone)
                    + " by " + outcome.earlier().actor() + "); resuming from the group's stored offsets";
            case HAS_OFFSETS -> subject + ": the group has stored offsets and backtrack.positioning.mode=NATIVE; "
                    + "resuming from them";
            case APPLIED -> subject + " = " + TimeFormats.iso(outcome.plan().requestedTimestamp(), zone)
                    + ": moved " + outcome.plan().queues().size() + " queues " + moves(outcome.plan()) + "; "
                    + outcome.plan().messagesToReplay() + " messages will be replayed"
                    + (outcome.plan().messagesToSkip() > 0 ? ", " + outcome.plan().messagesToSkip() + " skipped" : "");
        };
    }

    private static String moves(RewindPlan plan) {
        return plan.queues().stream().map(TimestampPositioningLifecycle::move)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String move(QueueRewind queue) {
        String from = queue.committedOffset() == null ? "none" : queue.committedOffset().toString();
        return queue.broker() + "/" + queue.queueId() + " " + from + "->" + queue.targetOffset();
    }

    private static void requireSetting(String value, ConsumerBinding binding, String property) {
        if (value == null || value.isBlank()) {
            throw new BindingPositioningException("Binding " + binding.name()
                    + " has consumeFromWhere CONSUME_FROM_TIMESTAMP but " + property + " is not set", null);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

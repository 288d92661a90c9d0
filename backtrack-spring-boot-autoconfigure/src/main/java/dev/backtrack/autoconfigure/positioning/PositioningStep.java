package dev.backtrack.autoconfigure.positioning;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.cluster.AclDenials;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.positioning.PositioningOutcome;
import dev.backtrack.core.positioning.StartupPositioning;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Positions one consumer before it starts, applies the journal-failure policy, and logs what moved. */
public final class PositioningStep {

    private static final Logger log = LoggerFactory.getLogger(PositioningStep.class);

    private final BindingPositioner positioner;
    private final StartupPositioning rule;
    private final String actor;
    private final OnJournalFailure onJournalFailure;
    private final ZoneId zone;

    /** Positions under {@code rule}, recording {@code actor}; log lines give times in {@code zone}. */
    public PositioningStep(BindingPositioner positioner, StartupPositioning rule, String actor,
            OnJournalFailure onJournalFailure, ZoneId zone) {
        this.positioner = positioner;
        this.rule = rule;
        this.actor = actor;
        this.onJournalFailure = onJournalFailure;
        this.zone = zone;
    }

    /**
     * Positions {@code consumer}. {@code subject} names it and its time in the log, {@code notPositioned} starts the
     * message of the error that stops start-up, and {@code credentials} names the settings to check when a broker's
     * RocketMQ ACL refuses the request.
     */
    public void position(ConsumerBinding consumer, String subject, String notPositioned, String credentials) {
        PositioningOutcome outcome;
        try {
            outcome = positioner.position(consumer, rule, actor);
        } catch (JournalException e) {
            if (onJournalFailure == OnJournalFailure.SKIP) {
                log.warn("{}: NOT positioned, because the journal could not be read and whether this setting was "
                        + "applied before is unknown: {}. The consumer resumes from the group's stored offsets "
                        + "({}=SKIP)", subject, e.getMessage(), TimestampPositioningLifecycle.ON_JOURNAL_FAILURE);
                return;
            }
            throw new BindingPositioningException(notPositioned + "the journal could not be read, so whether "
                    + "this setting was applied before is unknown, and nothing was moved: " + e.getMessage()
                    + aclHint(e, credentials) + ". Make the journal readable, or set "
                    + TimestampPositioningLifecycle.ON_JOURNAL_FAILURE + "=SKIP to start without positioning", e);
        } catch (BroadcastingGroupException e) {
            // Each consumer keeps its own offsets: there is nothing on the brokers to move, and refusing to start
            // would take the application down for a setting RocketMQ itself applies to each consumer's local offsets.
            log.warn("{}: NOT positioned: {}", subject, e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new BindingPositioningException(notPositioned + e.getMessage() + aclHint(e, credentials), e);
        }
        log.info(TimestampPositioningLifecycle.describe(subject, outcome, zone));
    }

    /** Names the settings to check when a broker refused the request (RocketMQ ACL). */
    private static String aclHint(RuntimeException e, String credentials) {
        String denial = AclDenials.reason(e);
        if (denial == null) {
            return "";
        }
        boolean named = e.getMessage() != null && e.getMessage().contains("RocketMQ ACL");
        return " (" + (named ? "" : "denied by the broker's RocketMQ ACL: " + denial + "; ") + "check "
                + credentials + ")";
    }
}

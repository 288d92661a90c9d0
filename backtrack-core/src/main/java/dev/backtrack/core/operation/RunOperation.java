package dev.backtrack.core.operation;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.journal.RunEntries;
import dev.backtrack.core.journal.RunState;
import dev.backtrack.core.journal.SendRun;
import dev.backtrack.core.redrive.RedrivePlanner;
import dev.backtrack.core.replay.GivenTags;
import dev.backtrack.core.replay.MessageSelection;
import dev.backtrack.core.replay.ReplayWindow;
import dev.backtrack.core.replay.RunProgress;
import dev.backtrack.core.replay.SendPolicy;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.replay.WindowPlan;
import dev.backtrack.core.replay.WindowPlanner;
import dev.backtrack.core.replay.WindowQueue;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resume and abort of a window replay's or a redrive's run, in one place for every front end. A run that paused, failed
 * a send or was stopped without a word (its process killed) is resumed from what the group's retry topic holds of it
 * ({@link RunProgress}): each queue goes on after the last message the run stored there, so nothing is sent twice and
 * nothing is skipped. An aborted run ends for good; both are recorded with the actor. An unknown run is refused as an
 * unknown entry, a run that ended or may be sending still as an entry refused ({@link Refusal}).
 */
public final class RunOperation {

    /**
     * A run with no recorded end whose latest copy is younger than this may be sending still, in another process: not
     * resumed.
     */
    public static final Duration QUIET = Duration.ofSeconds(20);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final ClusterSession session;
    private final RocketMqAdmin admin;
    private final Duration quiet;

    /** Works through {@code session}; {@code admin} is the session's admin client, which reads and sends. */
    public RunOperation(ClusterSession session, RocketMqAdmin admin) {
        this(session, admin, QUIET);
    }

    /** As {@link #RunOperation(ClusterSession, RocketMqAdmin)}, resuming runs quiet for {@code quiet} or longer. */
    public RunOperation(ClusterSession session, RocketMqAdmin admin, Duration quiet) {
        this.session = session;
        this.admin = admin;
        this.quiet = quiet;
    }

    /**
     * What a resume of run {@code runId} would send: the rest of its window, each queue from after the last message
     * the run stored; nothing is sent. Refused for an unknown id, a run that finished or was aborted, and a run with
     * no recorded end (it may be sending still, in another process) that stored a copy more recently than it has to
     * be quiet ({@link #QUIET} unless said otherwise). A run that paused or failed recorded its end: it is resumed at
     * once.
     */
    public ResumePlan planResume(String runId) {
        RunEntries entries = entries(runId);
        SendRun run = entries.run();
        if (!entries.state().resumable()) {
            throw new EntryRefusedException("Run " + runId + " " + ended(entries) + "; there is nothing to resume.");
        }
        JournalEntry first = entries.first();
        Map<String, String> brokers = new LinkedHashMap<>();
        WindowPlan whole = replan(first, run);
        whole.queues().forEach(q -> brokers.put(q.broker(), q.brokerAddress()));
        RunProgress progress = RunProgress.read(admin, first.group(), runId, brokers, first.appliedAt());
        long quietFor = System.currentTimeMillis() - progress.lastStoredAt();
        boolean unended = entries.state() == RunState.STARTED || entries.state() == RunState.RESUMED;
        if (unended && progress.copies() > 0 && quietFor < quiet.toMillis()) {
            throw new EntryRefusedException("Run " + runId + " stored a message " + quietFor / 1000 + " s ago: "
                    + "it may be sending still, in another process. Resume it once it has been quiet for "
                    + quiet.toSeconds() + " s. Nothing was sent.");
        }
        List<WindowQueue> rest = new ArrayList<>();
        for (WindowQueue queue : whole.queues()) {
            long plannedEnd = plannedEnd(first, queue);
            String name = queue.broker() + "/" + queue.queueId();
            long begin = Math.min(plannedEnd, Math.max(queue.beginOffset(), progress.next().getOrDefault(name,
                    queue.beginOffset())));
            long end = Math.min(queue.endOffset(), plannedEnd);
            // the run sent every matching message below its next offset, so what matches is the rest
            long left = begin < end ? Math.max(0, queue.matching() - progress.sent().getOrDefault(name, 0L)) : 0;
            rest.add(new WindowQueue(queue.broker(), queue.queueId(), queue.brokerAddress(), begin, Math.max(begin,
                    end), left, 0, queue.historyGone(), queue.earliestRetained()));
        }
        WindowPlan plan = new WindowPlan(whole.window(), whole.target(), rest, whole.selection());
        return new ResumePlan(entries, plan, progress.copies());
    }

    /**
     * Sends what {@code plan} left as {@code actor}, as {@code policy} says ({@link SendPolicy#resuming}: the run's
     * rate and threshold unless others are given), recorded as the same run.
     */
    public ReplayOutcome resume(ResumePlan plan, String actor, SendPolicy policy) {
        SendRun run = plan.entries().run();
        SendRun resumed = run.in(RunState.RESUMED, "resumed by " + actor);
        JournalEntry first = plan.entries().first();
        try {
            session.record(new JournalEntry(dev.backtrack.core.journal.JournalIds.newId(), first.kind(), first.group(),
                    first.topic(), first.requestedTime(), first.timestamp(), System.currentTimeMillis(), actor,
                    plan.plan().matching(), List.of(), null, null, resumed));
        } catch (RuntimeException e) {
            throw new JournalException("Cannot record the resume of run " + run.id() + " (" + e.getMessage()
                    + "). Nothing was sent.", e);
        }
        return new ReplayOperation(session, admin).send(plan.plan(), resumed, actor, policy);
    }

    /** Ends run {@code runId} for good as {@code actor}: it can no longer be resumed. Returns the entry recording it. */
    public JournalEntry abort(String runId, String actor) {
        RunEntries entries = entries(runId);
        if (!entries.state().resumable()) {
            throw new EntryRefusedException("Run " + runId + " " + ended(entries) + "; there is nothing to abort.");
        }
        JournalEntry first = entries.first();
        JournalEntry aborted = new JournalEntry(dev.backtrack.core.journal.JournalIds.newId(), first.kind(),
                first.group(), first.topic(), first.requestedTime(), first.timestamp(), System.currentTimeMillis(),
                actor, 0, List.of(), null, null, entries.run().in(RunState.ABORTED, "aborted by " + actor));
        return session.record(aborted);
    }

    private RunEntries entries(String runId) {
        if (runId == null || !ID.matcher(runId).matches()) {
            throw new InvalidRewindInputException("Run id " + dev.backtrack.core.text.BadValues.quote(String.valueOf(
                    runId)) + " is not accepted; accepted: the id a replay or a redrive printed when it paused or "
                    + "stopped (as `history` lists it), e.g. 7k2m9q4x1bcd");
        }
        return RunEntries.find(session.journalEntries(), runId).orElseThrow(() -> new UnknownJournalEntryException(
                runId, "No run " + runId + " in the journal: give the id a replay or a redrive printed when it paused or "
                        + "stopped (as `history` lists it). Nothing was sent."));
    }

    private static String ended(RunEntries entries) {
        JournalEntry latest = entries.latest();
        return (entries.state() == RunState.FINISHED ? "finished" : "was aborted") + " at "
                + Instant.ofEpochMilli(latest.appliedAt()) + " (by " + latest.actor() + ")";
    }

    private WindowPlan replan(JournalEntry first, SendRun run) {
        if (first.kind() == JournalKind.REDRIVE) {
            return new RedrivePlanner(admin).plan(first.group(), first.timestamp(), run.until(),
                    MessageSelection.of(run.tags(), run.keys(), run.filter()), "--tags").window();
        }
        return new WindowPlanner(admin).plan(new ReplayWindow(first.group(), first.topic(), first.timestamp(),
                run.until()), GivenTags.option(run.tags()));
    }

    private static long plannedEnd(JournalEntry first, WindowQueue queue) {
        for (QueueMove move : first.queues()) {
            if (move.broker().equals(queue.broker()) && move.queueId() == queue.queueId()) {
                return move.to();
            }
        }
        return queue.beginOffset(); // not in the run's plan: nothing of it to send
    }

    /**
     * What a resume would send.
     *
     * @param entries the run's journal entries
     * @param plan the rest of the run's window, each queue from after the last message the run stored
     * @param sentBefore how many copies the run stored before
     */
    public record ResumePlan(RunEntries entries, WindowPlan plan, long sentBefore) {
    }
}

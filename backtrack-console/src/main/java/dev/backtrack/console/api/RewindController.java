package dev.backtrack.console.api;

import dev.backtrack.console.rewind.ConsoleRewind;
import dev.backtrack.console.rewind.ConsoleRewinder;
import dev.backtrack.core.control.FleetRewind;
import dev.backtrack.core.control.RewindAck;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.RequestFields;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.QueueRewind;
import dev.backtrack.core.rewind.RewindPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Plan previews, rewinds and undos ({@code POST /api/plan}, {@code /api/rewind}, {@code /api/undo/ID}). */
@RestController
public class RewindController {

    private final ConsoleRewinder rewinder;
    private final ConsoleInputs inputs;

    /** Plans and rewinds with {@code rewinder}, reading times with {@code inputs}. */
    public RewindController(ConsoleRewinder rewinder, ConsoleInputs inputs) {
        this.rewinder = rewinder;
        this.inputs = inputs;
    }

    /**
     * What the UI sends: the group, the topic, exactly one position (a time {@code to}, offsets {@code toOffset}, a
     * shift {@code shiftBy} or another group's offsets {@code toGroupOf}), optionally the queues to move
     * ({@code broker-a/0,...}); for a rewind the group's name typed again, whether a partial rewind is accepted, and
     * at most how many replayed messages a second the group consumes ({@code rate}, e.g. {@code 200/s}; full speed
     * when absent).
     */
    public record RewindRequest(@Nullable String group, @Nullable String topic, @Nullable String to,
            @Nullable String toOffset, @Nullable String shiftBy, @Nullable String toGroupOf, @Nullable String queues,
            @Nullable String allowPartial, @Nullable String confirm, @Nullable String rate) {

        /** A request by time, the chart's click. */
        public RewindRequest(@Nullable String group, @Nullable String topic, @Nullable String to,
                @Nullable String confirm) {
            this(group, topic, to, null, null, null, null, null, confirm, null);
        }
    }

    /** One queue of a plan. */
    public record QueuePlan(String broker, int queueId, @Nullable Long committedOffset, long targetOffset,
            @Nullable Long targetStoreTime, long minOffset, long maxOffset, long messagesToReplay,
            long messagesToSkip) {
    }

    /**
     * A plan preview; {@code timestamp} is -1 for a position that is not a time, {@code position} what was asked
     * (e.g. {@code shift -5 on broker-a/0}).
     */
    public record PlanView(String group, String topic, long timestamp, String position, List<QueuePlan> queues,
            long messagesToReplay, long messagesToSkip, boolean truncatedHistory, List<String> warnings) {
    }

    /** One queue of an applied rewind: from the committed offset, to the target, as read back from its broker. */
    public record QueueMoved(String broker, int queueId, @Nullable Long from, long to, @Nullable Long readBack) {
    }

    /** An applied rewind or undo ({@code undoes}: the id of the rewind undone; null for a rewind). */
    public record RewindView(@Nullable String id, String path, List<RewindAck> acks, List<String> silentClients,
            String note, List<QueueMoved> queues, long messagesToReplay, List<String> warnings,
            @Nullable String undoes) {
    }

    /** The plan for the group to start at the requested position; nothing moves. */
    @PostMapping(Api.BASE + "/plan")
    public PlanView plan(@RequestBody RewindRequest request) {
        String group = inputs.group(request.group());
        String topic = inputs.topic(request.topic());
        SendRate.parse(request.rate()); // a wrong rate is told at the preview, before the confirmation
        CheckedPlan checked = rewinder.plan(group, topic, position(request), RequestFields.queues(request.queues()));
        RewindPlan plan = checked.plan();
        return new PlanView(group, topic, plan.requestedTimestamp(), plan.asked(), plan.queues().stream()
                .map(RewindController::queue).toList(), plan.messagesToReplay(), plan.messagesToSkip(),
                plan.historyTruncated(), warnings(checked));
    }

    /** What the operator must know before applying {@code checked}: brokers missed, history gone, notes. */
    static List<String> warnings(CheckedPlan checked) {
        RewindPlan plan = checked.plan();
        List<String> warnings = new ArrayList<>();
        if (!checked.coverage().complete()) {
            warnings.add(checked.coverage().describe(plan, ConsoleRewinder.ALLOW_PARTIAL));
        }
        if (plan.historyTruncated() || plan.nothingToReplay()) {
            warnings.add(plan.summary());
        }
        warnings.addAll(plan.notes());
        return List.copyOf(warnings);
    }

    /** Rewinds the group when {@code confirm} is its name; journaled with the logged-in user's name. */
    @PostMapping(Api.BASE + "/rewind")
    public RewindView rewind(@RequestBody RewindRequest request, Authentication user) {
        String group = inputs.group(request.group());
        String topic = inputs.topic(request.topic());
        PositionRequest position = position(request);
        Set<QueueRef> queues = RequestFields.queues(request.queues());
        boolean allowPartial = RequestFields.allowPartial(request.allowPartial());
        SendRate rate = SendRate.parse(request.rate());
        String confirm = request.confirm() == null ? "" : request.confirm();
        ConsoleRewind done = rewinder.rewind(group, topic, position, queues, allowPartial, rate, confirm,
                user.getName());
        return view(done);
    }

    /** What the UI sends to undo: the group's name typed again. */
    public record UndoRequest(@Nullable String confirm) {
    }

    /** Undoes the journal's rewind {@code id} when {@code confirm} is its group's name; journaled with the user. */
    @PostMapping(Api.BASE + "/undo/{id}")
    public RewindView undo(@PathVariable String id, @RequestBody(required = false) @Nullable UndoRequest request,
            Authentication user) {
        String confirm = request == null || request.confirm() == null ? "" : request.confirm();
        return view(rewinder.undo(id, confirm, user.getName()));
    }

    /** The answer for an applied rewind or undo, with its journal id. */
    static RewindView view(ConsoleRewind done) {
        FleetRewind outcome = done.outcome();
        RewindPlan plan = outcome.applied().plan();
        List<QueueMoved> queues = queuesMoved(outcome);
        JournalEntry entry = done.entry();
        return new RewindView(entry == null ? null : entry.id(), outcome.applied().path().name(),
                outcome.acknowledgements(), outcome.silentClients(), outcome.note(), queues, plan.messagesToReplay(),
                done.warnings(), entry == null ? null : entry.undoes());
    }

    /** Every queue of an applied rewind: from the committed offset, to the target, as read back. */
    static List<QueueMoved> queuesMoved(FleetRewind outcome) {
        return outcome.applied().plan().queues().stream().map(q -> new QueueMoved(q.broker(), q.queueId(),
                q.committedOffset(), q.targetOffset(), outcome.applied().verifiedOffsets().get(q.name()))).toList();
    }

    private PositionRequest position(RewindRequest request) {
        return inputs.position(request.to(), request.toOffset(), request.shiftBy(), request.toGroupOf());
    }

    static QueuePlan queue(QueueRewind q) {
        return new QueuePlan(q.broker(), q.queueId(), q.committedOffset(), q.targetOffset(), q.targetStoreTimestamp(),
                q.minOffset(), q.maxOffset(), q.messagesToReplay(), q.messagesToSkip());
    }
}

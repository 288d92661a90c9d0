package dev.backtrack.core.operation;

import dev.backtrack.core.BroadcastingGroupException;
import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.ProxiedConsumersException;
import dev.backtrack.core.RewindException;
import dev.backtrack.core.UnknownTopicException;
import dev.backtrack.core.journal.EntryRefusedException;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.replay.UnsupportedGroupException;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.MissingBroker;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.undo.UnknownJournalEntryException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One failure of each row of the {@link Refusal} table, as the operations throw them, for the front ends' tests that
 * check every row (published in backtrack-core's test jar).
 */
public final class RefusalExamples {

    /** How the examples' partial refusal names the way to accept it. */
    public static final String ALLOW_PARTIAL_HINT = "the example's allow-partial switch";

    private RefusalExamples() {
    }

    /** One failure per row, every row. */
    public static Map<Refusal, RuntimeException> oneOfEach() {
        Map<Refusal, RuntimeException> examples = new EnumMap<>(Refusal.class);
        examples.put(Refusal.BAD_INPUT, new InvalidRewindInputException("Field 'to' is 'soon', which is not a time"));
        examples.put(Refusal.UNKNOWN_ENTRY, new UnknownJournalEntryException("no-such-id"));
        examples.put(Refusal.UNKNOWN_TOPIC, new UnknownTopicException("no-such-topic", "127.0.0.1:9876"));
        RewindPlan plan = new RewindPlan("g", "t", 0, List.of(), 0, 0, false, null, true);
        examples.put(Refusal.PARTIAL_CLUSTER, new PartialRewindException(new CheckedPlan(plan, new BrokerCoverage(
                List.of("broker-a"), List.of(new MissingBroker("broker-b", "held queues [0]")), List.of())),
                ALLOW_PARTIAL_HINT));
        examples.put(Refusal.REFUSED_IN_BATCH, new BatchRefusedException(new BatchPlan(new BatchRewindRequest(
                new BatchRewindRequest.AllGroupsOf("t"), new dev.backtrack.core.position.PositionRequest.ToOffset(0),
                false, false, "bob", ALLOW_PARTIAL_HINT, "the example's skip-refused switch",
                dev.backtrack.core.replay.SendRate.UNLIMITED), List.of(), List.of(new RefusedPair("g", "t",
                        Refusal.BROADCASTING_GROUP, "Group 'g' consumes in broadcasting mode")))));
        examples.put(Refusal.BROADCASTING_GROUP, new BroadcastingGroupException("g"));
        examples.put(Refusal.RUNNING_GRPC_CONSUMERS, new ProxiedConsumersException("g",
                Map.of("client-1", "127.0.0.1:8081")));
        examples.put(Refusal.ENTRY_REFUSED, new EntryRefusedException("Journal entry x was already undone"));
        examples.put(Refusal.UNSUPPORTED_GROUP, new UnsupportedGroupException("Group 'g' cannot be replayed to"));
        examples.put(Refusal.ALREADY_REPLAYED, new AlreadyReplayedException("g", new JournalEntry(
                JournalKind.WINDOW_REPLAY, "g", "t", "[0, 10)", 0, 1000, "bob", 3, List.of()), "replay --again"));
        examples.put(Refusal.CLUSTER_FAILURE, new RewindException("Broker 127.0.0.1:10911 does not answer"));
        return examples;
    }
}

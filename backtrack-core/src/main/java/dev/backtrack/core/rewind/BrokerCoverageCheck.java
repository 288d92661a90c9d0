package dev.backtrack.core.rewind;

import dev.backtrack.core.cluster.BrokerTopics;
import dev.backtrack.core.cluster.ConsumersOnline;
import dev.backtrack.core.cluster.GroupConsumers;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.QueueMove;
import dev.backtrack.core.journal.RecentEntries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds brokers that held queues of a plan's topic and are missing from its route now (down, or dropped by the name
 * server), so that a rewind does not silently move only part of a group.
 *
 * <p>Evidence, each read only: the journal's latest entry for (group, topic) (or, without one, for the topic by any
 * group) lists the brokers whose queues were moved then; brokers registered with the name server but absent from the
 * route are asked whether they still hold the topic; each online consumer of the group reports the queues it holds.
 * A source that cannot be read is reported as unchecked, never as a failure. The journal keeps each entry on two
 * brokers, so the broker that is down does not take the evidence with it. A plan limited to named queues
 * misses nothing: the planner has checked that each of them is in the route.
 */
public class BrokerCoverageCheck {

    private static final Logger log = LoggerFactory.getLogger(BrokerCoverageCheck.class);

    private final BrokerTopics brokers;
    private final ConsumersOnline consumers;
    private final @Nullable RecentEntries journal;

    /** Checks through {@code cluster}, looking up the latest journal entries in {@code journal} (null: no journal). */
    public <C extends BrokerTopics & ConsumersOnline> BrokerCoverageCheck(C cluster, @Nullable RecentEntries journal) {
        this.brokers = cluster;
        this.consumers = cluster;
        this.journal = journal;
    }

    /** Which brokers that held the plan's topic it misses, asking the cluster which consumers are online. */
    public BrokerCoverage check(RewindPlan plan) {
        return check(plan, () -> consumers.onlineClients(plan.group()));
    }

    /** Which brokers that held the plan's topic it misses, the consumers online being those {@code online} saw. */
    public BrokerCoverage check(RewindPlan plan, GroupConsumers online) {
        return check(plan, online::clients);
    }

    private BrokerCoverage check(RewindPlan plan, Supplier<Set<String>> online) {
        Set<String> planned = plan.queues().stream().map(QueueRewind::broker)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!plan.selectedQueues().isEmpty()) {
            // The operator named the queues that move, and each is in the route: no other broker's queue would move.
            return new BrokerCoverage(List.copyOf(planned), List.of(), List.of());
        }
        // Queues in the route that stay where they are (e.g. no committed offset to shift from) are not missing.
        plan.untouchedQueues().forEach(q -> planned.add(q.substring(0, q.lastIndexOf('/'))));
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> unchecked = new ArrayList<>();
        fromJournal(plan, planned, missing, unchecked);
        fromClusterInfo(plan, planned, missing, unchecked);
        fromOnlineConsumers(plan, online, planned, missing, unchecked);
        List<MissingBroker> brokers = missing.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new MissingBroker(e.getKey(), e.getValue())).toList();
        if (!brokers.isEmpty()) {
            log.warn("Group {} on topic {}: broker(s) {} held queues of the topic and are not in its route", plan.group(),
                    plan.topic(), brokers.stream().map(MissingBroker::describe).toList());
        }
        return new BrokerCoverage(List.copyOf(planned), brokers, List.copyOf(unchecked));
    }

    private void fromJournal(RewindPlan plan, Set<String> planned, Map<String, String> missing, List<String> unchecked) {
        if (journal == null) {
            return;
        }
        List<JournalEntry> entries;
        try {
            entries = journal.of(plan.group(), plan.topic());
        } catch (RuntimeException e) {
            unchecked.add("journal: " + e.getMessage());
            return;
        }
        Optional<JournalEntry> latest = latest(entries, e -> e.group().equals(plan.group())
                && e.topic().equals(plan.topic()));
        if (latest.isEmpty()) {
            latest = latest(entries, e -> e.topic().equals(plan.topic()));
        }
        latest.ifPresent(entry -> {
            Map<String, List<Integer>> queuesByBroker = new LinkedHashMap<>();
            for (QueueMove move : entry.queues()) {
                queuesByBroker.computeIfAbsent(move.broker(), b -> new ArrayList<>()).add(move.queueId());
            }
            queuesByBroker.forEach((broker, queues) -> {
                if (!planned.contains(broker)) {
                    missing.putIfAbsent(broker, "held queues " + queues + " in the journal's " + entry.kind()
                            + " of group " + entry.group() + " at " + java.time.Instant.ofEpochMilli(entry.appliedAt()));
                }
            });
        });
    }

    private static Optional<JournalEntry> latest(List<JournalEntry> entries,
            java.util.function.Predicate<JournalEntry> filter) {
        return entries.stream().filter(e -> e.queues() != null).filter(filter)
                .max(Comparator.comparingLong(JournalEntry::appliedAt));
    }

    private void fromClusterInfo(RewindPlan plan, Set<String> planned, Map<String, String> missing,
            List<String> unchecked) {
        Map<String, String> registered;
        try {
            registered = brokers.registeredMasters();
        } catch (RuntimeException e) {
            unchecked.add("cluster info: " + e.getMessage());
            return;
        }
        registered.forEach((broker, master) -> {
            if (planned.contains(broker) || missing.containsKey(broker)) {
                return;
            }
            try {
                if (brokers.holdsTopic(master, plan.topic())) {
                    missing.put(broker, "registered with the name server at " + master
                            + " and holds the topic, but the topic's route does not list it");
                }
            } catch (RuntimeException e) {
                log.debug("Broker {} ({}) does not hold topic {}: {}", broker, master, plan.topic(), e.getMessage());
            }
        });
    }

    private void fromOnlineConsumers(RewindPlan plan, Supplier<Set<String>> online, Set<String> planned,
            Map<String, String> missing, List<String> unchecked) {
        Set<String> clients;
        try {
            clients = online.get();
        } catch (RuntimeException e) {
            unchecked.add("online consumers: " + e.getMessage());
            return;
        }
        for (String client : clients) {
            try {
                for (MessageQueue queue : consumers.consumerQueues(plan.group(), client)) {
                    if (queue.getTopic().equals(plan.topic()) && !planned.contains(queue.getBrokerName())) {
                        missing.putIfAbsent(queue.getBrokerName(), "consumer " + client + " of the group holds its "
                                + "queue " + queue.getQueueId());
                    }
                }
            } catch (RuntimeException e) {
                unchecked.add("queues of consumer " + client + ": " + e.getMessage());
            }
        }
    }
}

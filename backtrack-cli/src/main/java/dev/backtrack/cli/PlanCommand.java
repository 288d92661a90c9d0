package dev.backtrack.cli;

import dev.backtrack.core.cluster.AdminSettings;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.operation.BatchRewindRequest;
import dev.backtrack.core.operation.CheckedPlan;
import dev.backtrack.core.operation.KeptClusterSession;
import dev.backtrack.core.operation.OperationObserver;
import dev.backtrack.core.operation.RewindOperation;
import dev.backtrack.core.position.PositionRequest;
import dev.backtrack.core.position.QueueRef;
import dev.backtrack.core.replay.SendRate;
import dev.backtrack.core.rewind.BrokerCoverage;
import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backtrack plan}: shows where every queue would move; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show, per queue on every broker, where the group would start: from a time (--to), at offsets "
                + "(--to-offset), a number of messages from its committed offsets (--shift-by) or at another group's "
                + "offsets (--to-group-of), optionally on some queues only (--queue); notes say which targets were "
                + "clamped, and a warning names brokers that held queues of the topic and are missing from its route. "
                + "--all-groups (with -t) plans every group of the topic, --all-topics (with -g) the group on every "
                + "topic it consumes, in one table. Changes nothing.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    RewindTargetOptions target;

    @Mixin
    PositionOptions position;

    @Option(names = "--journal-topic", defaultValue = RewindJournal.DEFAULT_TOPIC,
            description = "Topic holding the record of rewinds, read to find brokers of the topic that are missing "
                    + "now (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BatchRewindRequest.Scope batch = target.scope();
        TimeExpressionParser parser = cluster.parser();
        PositionRequest request = position.request(parser);
        Set<QueueRef> queues = position.selectedQueues();
        // The journal opens only once the plan is made (it is read for the coverage check): a plan that fails
        // opens nothing more.
        AdminSettings settings = cluster.settings();
        try (KeptClusterSession session = new KeptClusterSession(() -> settings, journalTopic, null,
                admin -> Optional.empty())) {
            if (batch != null) {
                requireAllQueues(queues);
                return new BatchRewinds(session, session.admin(), cluster.json, parser.zone()).plan(
                        spec.commandLine().getOut(), new BatchRewindRequest(batch, request, target.skipRefused, true,
                                RewindCommand.actor(), PartialRewinds.ALLOW_PARTIAL, RewindTargetOptions.SKIP_REFUSED,
                                SendRate.UNLIMITED));
            }
            CheckedPlan checked = new RewindOperation(session, OperationObserver.NONE).plan(target.group,
                    target.topic, request, queues);
            RewindPlan plan = checked.plan();
            BrokerCoverage coverage = checked.coverage();
            if (cluster.json) {
                Output.json(spec.commandLine().getOut(), PartialRewinds.planDocument(plan, coverage));
            } else {
                PlanView.print(spec.commandLine().getOut(), plan, parser.zone());
                PartialRewinds.printWarning(spec.commandLine().getOut(), plan, coverage);
            }
        }
        return BacktrackCli.OK;
    }

    /** Refuses --queue with --all-groups or --all-topics: queues are named per topic, a batch moves every queue. */
    static void requireAllQueues(Set<QueueRef> queues) {
        if (!queues.isEmpty()) {
            throw new UsageException("--queue cannot be used with --all-groups or --all-topics: a batch moves every "
                    + "queue of each topic; accepted: --queue with -g GROUP -t TOPIC only.");
        }
    }
}

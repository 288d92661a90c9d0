package dev.backtrack.cli;

import dev.backtrack.core.rewind.RewindPlan;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.rewind.RocketMqAdmin;
import dev.backtrack.core.time.TimeExpressionParser;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backtrack plan}: shows where every queue would move; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show, per queue on every broker, where the group would start to replay from TIME. Changes nothing.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    GroupTopicOptions target;

    @Mixin
    TimeOption time;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TimeExpressionParser parser = cluster.parser();
        long timestamp = parser.toEpochMillis(time.to);
        try (RocketMqAdmin admin = cluster.connect()) {
            RewindPlan plan = new RewindPlanner(admin).plan(target.group, target.topic, timestamp);
            if (cluster.json) {
                Output.json(spec.commandLine().getOut(), plan);
            } else {
                PlanView.print(spec.commandLine().getOut(), plan, parser.zone());
            }
        }
        return BacktrackCli.OK;
    }
}

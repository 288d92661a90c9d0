package dev.backtrack.cli;

import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.rewind.OffsetsReader;
import dev.backtrack.core.rewind.QueueOffsets;
import dev.backtrack.core.time.TimeFormats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backtrack offsets}: where the group stands on every queue. */
@Command(name = "offsets", mixinStandardHelpOptions = true,
        description = "Show, per queue, the group's committed offset, min and max offsets, lag, and the store time "
                + "of the message at the committed offset.")
final class OffsetsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    GroupTopicOptions target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (RocketMqAdmin admin = cluster.connect()) {
            List<QueueOffsets> offsets = new OffsetsReader(admin).read(target.group, target.topic);
            long lag = offsets.stream().mapToLong(QueueOffsets::lag).sum();
            if (cluster.json) {
                Output.json(out, Map.of("group", target.group, "topic", target.topic, "queues", offsets, "lag", lag));
                return BacktrackCli.OK;
            }
            out.println("Offsets: group " + target.group + ", topic " + target.topic);
            TablePrinter table = new TablePrinter("BROKER", "QUEUE", "COMMITTED", "MIN", "MAX", "LAG",
                    "STORE TIME AT COMMITTED");
            for (QueueOffsets q : offsets) {
                table.row(q.broker(), q.queueId(), q.committedOffset(), q.minOffset(), q.maxOffset(), q.lag(),
                        q.committedStoreTimestamp() == null ? null
                                : TimeFormats.iso(q.committedStoreTimestamp(), cluster.zoneId()));
            }
            table.row("TOTAL", null, null, null, null, lag, null);
            table.print(out);
        }
        return BacktrackCli.OK;
    }
}

package dev.backtrack.console.api;

import dev.backtrack.autoconfigure.ConsumerSource;
import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.inventory.ClusterInventory;
import dev.backtrack.core.inventory.GroupSummary;
import dev.backtrack.core.inventory.TopicSummary;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cluster's application topics and consumer groups ({@code GET /api/topics}, {@code GET /api/groups}). */
@RestController
public class InventoryController {

    private final ConsoleCluster cluster;
    private final Supplier<List<ConsumerBinding>> localConsumers;
    private final Set<String> backtrackTopics;

    /**
     * Lists what {@code cluster} holds, leaving out {@code backtrackTopics} (journal, claims, control);
     * {@code localConsumers} are the application's bindings and listeners.
     */
    public InventoryController(ConsoleCluster cluster, Supplier<List<ConsumerBinding>> localConsumers,
            Set<String> backtrackTopics) {
        this.cluster = cluster;
        this.localConsumers = localConsumers;
        this.backtrackTopics = Set.copyOf(backtrackTopics);
    }

    /** A group as the console shows it: the cluster's view plus this application's consumers of it. */
    public record GroupView(String group, List<String> topics, int online, List<GroupSummary.Client> clients,
            long lag, List<GroupSummary.Queue> queues, List<LocalConsumer> consumers) {
    }

    /** A binding or listener of the application the console runs in. */
    public record LocalConsumer(String kind, String name) {
    }

    /** The application topics. */
    @GetMapping(Api.BASE + "/topics")
    public List<TopicSummary> topics() {
        return new ClusterInventory(cluster.admin(), backtrackTopics).topics();
    }

    /** The application consumer groups. */
    @GetMapping(Api.BASE + "/groups")
    public List<GroupView> groups() {
        List<ConsumerBinding> local = localConsumers.get();
        return new ClusterInventory(cluster.admin(), backtrackTopics).groups().stream()
                .map(g -> new GroupView(g.group(), g.topics(), g.online(), g.clients(), g.lag(), g.queues(),
                        local.stream().filter(c -> g.group().equals(c.group()))
                                .map(c -> new LocalConsumer(ConsumerSource.kindOf(c), c.name())).toList()))
                .toList();
    }
}

package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.timeline.QueuePosition;
import dev.backtrack.core.timeline.TimeBuckets;
import dev.backtrack.core.timeline.Timeline;
import dev.backtrack.core.timeline.TimelineBucket;
import dev.backtrack.core.timeline.TimelineRewinds;
import dev.backtrack.core.timeline.TopicTimeline;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A topic in time: messages per bucket, a group's position, rewinds ({@code GET /api/timeline}). */
@RestController
public class TimelineController {

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;
    private final int defaultBuckets;

    /** Reads {@code cluster}, with {@code defaultBuckets} buckets unless the request asks for others. */
    public TimelineController(ConsoleCluster cluster, ConsoleInputs inputs, int defaultBuckets) {
        this.cluster = cluster;
        this.inputs = inputs;
        this.defaultBuckets = defaultBuckets;
    }

    /** The timeline, as the contract describes it. */
    public record TimelineView(String topic, long from, long until, long bucketMillis, List<TimelineBucket> buckets,
            long total, List<QueuePosition> position, List<JournalViews.RewindMark> rewinds) {
    }

    /** Counts of {@code topic} per bucket over a range, with {@code group}'s position and rewinds when given. */
    @GetMapping(Api.BASE + "/timeline")
    public TimelineView timeline(@RequestParam(required = false) @Nullable String topic,
            @RequestParam(required = false) @Nullable String group,
            @RequestParam(required = false) @Nullable String range,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String buckets) {
        String name = inputs.topic(topic);
        String consumerGroup = inputs.optionalGroup(group);
        long[] span = inputs.range(range, from, until);
        int count = inputs.number(buckets, "buckets", defaultBuckets, 1, TimeBuckets.MAX);
        Timeline timeline = new TopicTimeline(cluster.admin()).read(name, new TimeBuckets(span[0], span[1], count),
                consumerGroup);
        List<JournalViews.RewindMark> rewinds = TimelineRewinds.inRange(cluster.journalEntries(), name,
                consumerGroup, span[0], span[1]).stream().map(JournalViews::mark).toList();
        return new TimelineView(timeline.topic(), timeline.from(), timeline.until(), timeline.bucketMillis(),
                timeline.buckets(), timeline.total(), timeline.position(), rewinds);
    }
}

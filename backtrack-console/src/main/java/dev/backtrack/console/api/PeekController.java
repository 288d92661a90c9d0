package dev.backtrack.console.api;

import dev.backtrack.console.cluster.ConsoleCluster;
import dev.backtrack.core.peek.MessagePeek;
import dev.backtrack.core.peek.PeekedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first messages at or after an instant ({@code GET /api/peek}); bodies are returned exactly as stored, for the
 * UI to show as text. No consumer group is created and no offset moves.
 */
@RestController
public class PeekController {

    private final ConsoleCluster cluster;
    private final ConsoleInputs inputs;
    private final int defaultLimit;
    private final int maxLimit;
    private final int maxBodyBytes;

    /** Peeks on {@code cluster} within the given limits. */
    public PeekController(ConsoleCluster cluster, ConsoleInputs inputs, int defaultLimit, int maxLimit,
            int maxBodyBytes) {
        this.cluster = cluster;
        this.inputs = inputs;
        this.defaultLimit = defaultLimit;
        this.maxLimit = Math.min(maxLimit, MessagePeek.MAX_LIMIT);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** One message, as the contract describes it. */
    public record MessageView(long storeTime, String storeTimeIso, String broker, int queueId, long offset,
            String msgId, @Nullable String keys, @Nullable String tags, String body, String bodyEncoding,
            boolean truncated) {

        /** {@code m} as the contract shows it: the store time also in ISO UTC, the body as text or hex. */
        public static MessageView of(PeekedMessage m) {
            return new MessageView(m.storeTime(), Instant.ofEpochMilli(m.storeTime()).toString(), m.broker(),
                    m.queueId(), m.offset(), m.msgId(), m.keys(), m.tags(), m.body().text(),
                    m.body().encoding().name().toLowerCase(Locale.ROOT), m.body().truncated());
        }
    }

    /** The first {@code limit} messages of {@code topic} stored at or after {@code at}, all queues merged. */
    @GetMapping(Api.BASE + "/peek")
    public List<MessageView> peek(@RequestParam(required = false) @Nullable String topic,
            @RequestParam(required = false) @Nullable String at,
            @RequestParam(required = false) @Nullable String limit) {
        String name = inputs.topic(topic);
        long instant = inputs.time(at, "at");
        int count = inputs.number(limit, "limit", defaultLimit, 1, maxLimit);
        return new MessagePeek(cluster.admin(), maxBodyBytes).peek(name, instant, count).stream()
                .map(MessageView::of).toList();
    }
}

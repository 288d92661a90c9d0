package dev.backtrack.benchmarks.replay;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reads the id of a benchmark order from its JSON, {@code {"id":<id>,...}}, without parsing the rest. */
public final class OrderIds {

    private static final byte[] PREFIX = "{\"id\":".getBytes(StandardCharsets.UTF_8);

    private OrderIds() {
    }

    /** The id at the start of an order's JSON body. */
    public static long idOf(byte[] body) {
        int i = 0;
        while (i < PREFIX.length && i < body.length && body[i] == PREFIX[i]) {
            i++;
        }
        long id = 0;
        int digits = 0;
        for (int p = PREFIX.length; i == PREFIX.length && p < body.length && body[p] >= '0' && body[p] <= '9'; p++) {
            id = id * 10 + (body[p] - '0');
            digits++;
        }
        if (digits == 0) {
            String start = new String(body, 0, Math.min(body.length, 100), StandardCharsets.UTF_8);
            throw new IllegalArgumentException("Not a benchmark order (expected {\"id\":<digits>,...}): " + start);
        }
        return id;
    }

    /** The id of an order received as a {@code byte[]}, a {@code String} or a map (parsed JSON) payload. */
    public static long idOf(Object payload) {
        if (payload instanceof Map<?, ?> json && json.get("id") instanceof Number id) {
            return id.longValue();
        }
        if (payload instanceof byte[] bytes) {
            return idOf(bytes);
        }
        if (payload instanceof String text) {
            return idOf(text.getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("Not a benchmark order payload: " + (payload == null ? "null"
                : payload.getClass().getName()));
    }
}

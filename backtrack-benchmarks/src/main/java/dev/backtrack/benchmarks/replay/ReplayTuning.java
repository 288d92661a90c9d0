package dev.backtrack.benchmarks.replay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consumer settings a replay is measured with, given alike to the raw consumers and to the tuned bindings: consume
 * threads and messages per pull. Everything else stays at RocketMQ's defaults on both sides: one message per listener
 * call, 1,000 messages cached per queue, no trace records.
 *
 * @param threads consume threads of the raw push consumer and of the binding (a lite pull consumer polls on one)
 * @param pullBatchSize messages asked for per pull request (the broker sends at most 32 from memory)
 */
public record ReplayTuning(int threads, int pullBatchSize) {

    /** The tuning of the recommended binding settings. */
    public static final ReplayTuning RECOMMENDED = new ReplayTuning(4, 32);

    private static final String BINDING_PREFIX = "spring.cloud.stream.bindings.";
    private static final String ROCKETMQ_PREFIX = "spring.cloud.stream.rocketmq.bindings.";

    /**
     * The binding settings that give a binding this tuning: {@code concurrency} consume threads, failures redelivered
     * by RocketMQ instead of retried in the consume thread, {@code pullBatchSize}, and no per-message trace records.
     */
    public Map<String, String> bindingProperties(String binding) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(BINDING_PREFIX + binding + ".consumer.concurrency", Integer.toString(threads));
        settings.put(BINDING_PREFIX + binding + ".consumer.max-attempts", "1");
        settings.put(ROCKETMQ_PREFIX + binding + ".consumer.pullBatchSize", Integer.toString(pullBatchSize));
        settings.put(ROCKETMQ_PREFIX + binding + ".consumer.enableMsgTrace", "false");
        return Collections.unmodifiableMap(settings);
    }
}

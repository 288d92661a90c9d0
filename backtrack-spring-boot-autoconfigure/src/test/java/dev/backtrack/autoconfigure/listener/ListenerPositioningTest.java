package dev.backtrack.autoconfigure.listener;

import static dev.backtrack.autoconfigure.listener.LedgerListenerApplication.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.autoconfigure.positioning.BindingPositioningException;
import dev.backtrack.test.DeliveryLedger;
import dev.backtrack.test.SentMessages;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * rocketmq-spring listeners positioned at start-up on a real two-broker cluster: the set delivered equals, per message
 * id, the set stored at or after T.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerPositioningTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aNewGroupAndThenAnExistingGroupArePositionedByThePropertyExactly() throws Exception {
        String topic = "lp-prop-topic";
        String group = "lp-prop-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(40);
            long t = sent.storeTime(ids.get(15));
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.listeners." + group + ".consume-timestamp=" + t)) {
                assertDeliveredOnceEach(app, sent.storedFrom(t));
            }
            long t2 = sent.storeTime(ids.get(30));
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.listeners." + group + ".consume-timestamp=" + t2)) {
                assertDeliveredOnceEach(app, sent.storedFrom(t2));
                // the same setting again is not applied again: only new messages come
                List<String> more = sent.send(8);
                await().atMost(WAIT).until(() -> ledger(app).receivedAll(Set.copyOf(more)));
            }
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.listeners." + group + ".consume-timestamp=" + t2)) {
                List<String> more = sent.send(8);
                assertDeliveredOnceEach(app, Set.copyOf(more));
            }
        }
    }

    @Test
    void aTimestampSetInPrepareStartIsHonouredInTheJvmZoneForAGroupThatHasConsumedEverything() throws Exception {
        String topic = "lp-prepare-topic";
        String group = "lp-prepare-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> before = sent.send(12);
            // prepareStart takes RocketMQ's yyyyMMddHHmmss (seconds): the next batch starts in a later second
            long lastSecond = sent.storeTime(before.get(before.size() - 1)) / 1000;
            await().atMost(WAIT).until(() -> System.currentTimeMillis() / 1000 > lastSecond);
            List<String> after = sent.send(20);
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.listeners." + group + ".consume-timestamp=" + sent.storeTime(before.get(0)))) {
                assertDeliveredOnceEach(app, sent.all());
            }
            long second = (sent.storeTime(after.get(0)) / 1000) * 1000;
            String rocketMqTime = LocalDateTime.ofInstant(Instant.ofEpochMilli(second), ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
            // RocketMQ reads its own form in the JVM's zone, whatever backtrack.zone says
            String otherZone = ZoneId.systemDefault().getRules().getOffset(Instant.now()).getTotalSeconds() == 8 * 3600
                    ? "UTC" : "Asia/Shanghai";
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--test.prepare-start-timestamp=" + rocketMqTime, "--backtrack.zone=" + otherZone)) {
                assertThat(sent.storedFrom(second)).containsExactlyInAnyOrderElementsOf(after);
                assertDeliveredOnceEach(app, Set.copyOf(after));
            }
        }
    }

    @Test
    void consumeFromTimestampWithoutATimeIsNotPositionedAndSaysSo(CapturedOutput output) throws Exception {
        String topic = "lp-default-topic";
        String group = "lp-default-group";
        MQ.rocketMq().createTopic(topic, 2);
        try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                topic, "--test.prepare-start-from-timestamp=true")) {
            assertThat(output.getOut()).contains("listener " + group + " (topic " + topic + ") has consumeFromWhere "
                    + "CONSUME_FROM_TIMESTAMP but no consumeTimestamp")
                    .contains("backtrack.listeners." + group + ".consume-timestamp")
                    .doesNotContain("Backtrack: listener " + group + " (topic " + topic + "), consumeTimestamp");
        }
    }

    @Test
    void nativeModePositionsOnlyAGroupWithoutOffsets() throws Exception {
        String topic = "lp-native-topic";
        String group = "lp-native-group";
        try (SentMessages sent = SentMessages.toNewTopic(MQ.rocketMq(), topic, 2)) {
            List<String> ids = sent.send(30);
            long t = sent.storeTime(ids.get(10));
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.positioning.mode=NATIVE",
                    "--backtrack.listeners." + group + ".consume-timestamp=" + t)) {
                assertDeliveredOnceEach(app, sent.storedFrom(t));
            }
            long earlier = sent.storeTime(ids.get(2));
            try (ConfigurableApplicationContext app = LedgerListenerApplication.start(MQ.nameServerAddress(), group,
                    topic, "--backtrack.positioning.mode=NATIVE",
                    "--backtrack.listeners." + group + ".consume-timestamp=" + earlier)) {
                List<String> more = sent.send(8);
                assertDeliveredOnceEach(app, Set.copyOf(more));
            }
        }
    }

    @Test
    void aWrongTimeOrAnUnknownGroupStopsStartUpNamingThePropertyAndWhatIsAccepted() {
        String topic = "lp-wrong-topic";
        String group = "lp-wrong-group";
        MQ.rocketMq().createTopic(topic, 2);
        for (String wrong : new String[] {"2022-13-01 00:00:00", "yesterday-ish", ""}) {
            assertThatThrownBy(() -> LedgerListenerApplication.start(MQ.nameServerAddress(), group, topic,
                    "--backtrack.listeners." + group + ".consume-timestamp=" + wrong))
                    .hasRootCauseInstanceOf(dev.backtrack.core.time.InvalidTimeExpressionException.class)
                    .satisfies(e -> assertThat(positioningError(e)).hasMessageStartingWith("Listener " + group
                            + ": backtrack.listeners." + group + ".consume-timestamp is invalid: Time '" + wrong + "'")
                            .hasMessageContaining("Accepted forms: yyyyMMddHHmmss"));
        }
        assertThatThrownBy(() -> LedgerListenerApplication.start(MQ.nameServerAddress(), group, topic,
                "--backtrack.listeners.lp-typo-group.consume-timestamp=-1h"))
                .satisfies(e -> assertThat(positioningError(e)).hasMessage("backtrack.listeners.lp-typo-group"
                        + ".consume-timestamp names no consumer group of a @RocketMQMessageListener of this "
                        + "application; accepted groups: [" + group + "]"));
    }

    @Test
    void aBroadcastingListenerWithATimeStopsStartUpSayingWhy() {
        String topic = "lp-broadcast-topic";
        String group = "lp-broadcast-group";
        MQ.rocketMq().createTopic(topic, 2);
        assertThatThrownBy(() -> new SpringApplicationBuilder(BroadcastListenerApplication.class)
                .web(WebApplicationType.NONE).run("--rocketmq.name-server=" + MQ.nameServerAddress(),
                        "--spring.cloud.stream.rocketmq.binder.name-server=" + MQ.nameServerAddress(),
                        "--test.group=" + group, "--test.topic=" + topic, "--spring.jmx.enabled=false",
                        "--backtrack.listeners." + group + ".consume-timestamp=-1h"))
                .satisfies(e -> assertThat(positioningError(e)).hasMessage("Listener " + group + " (topic " + topic
                        + ") cannot be positioned: it is a BROADCASTING listener, whose offsets each instance keeps "
                        + "locally; only CLUSTERING listeners can be positioned (remove backtrack.listeners." + group
                        + ".consume-timestamp)"));
    }

    private static Throwable positioningError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindingPositioningException) {
                return cause;
            }
        }
        throw new AssertionError("no BindingPositioningException in " + e, e);
    }


    /** Every expected id arrives, each exactly once, and nothing else arrives. */
    static void assertDeliveredOnceEach(ConfigurableApplicationContext app, Set<String> expected) {
        DeliveryLedger ledger = ledger(app);
        await().atMost(WAIT).until(() -> ledger.receivedAll(expected));
        Map<String, Integer> deliveries = ledger.deliveries();
        assertThat(deliveries.keySet()).as("delivered ids").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(deliveries.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet())).as("ids delivered more than once").isEmpty();
    }
}

package dev.backtrack.core.positioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.claim.ClaimQueue;
import dev.backtrack.core.claim.SettingClaims;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.time.InvalidTimeExpressionException;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.core.time.TimeForm;
import dev.backtrack.core.time.TimeFormats;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import dev.backtrack.test.RecordingConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Start-up positioning against a real broker: once per setting, NATIVE rules, and a young topic (fact 3). */
class StartupPositionerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private static RocketMqAdmin admin;
    private static RewindJournal journal;
    private static SettingClaims claims;
    private static StartupPositioner positioner;

    @BeforeAll
    static void open() {
        admin = TestAdmins.of(MQ);
        journal = new RewindJournal(MQ.nameServerAddress(), null, "JOURNAL_POSITIONER_TEST");
        claims = new SettingClaims(() -> ClaimQueue.open(admin, "JOURNAL_POSITIONER_TEST_CLAIMS"),
                SettingClaims.DEFAULT_LEASE, SettingClaims.DEFAULT_POLL);
        positioner = new StartupPositioner(new RewindPlanner(admin), new RewindApplier(admin), journal, claims,
                new TimeExpressionParser(ZoneOffset.UTC), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        claims.close();
        journal.close();
    }

    @Test
    void aNewGroupOnAYoungTopicStartsAtTNotAtOffsetZero() throws Exception {
        MQ.rocketMq().createTopic("young", 1);
        List<Long> storeTimes = send("young", 10);
        String middle = TimeFormats.format(storeTimes.get(6), TimeForm.MILLIS_DIGITS, ZoneOffset.UTC);

        PositioningOutcome outcome = positioner.position("young-g", "young", middle, StartupPositioning.ONCE, "test");
        assertThat(outcome.action()).isEqualTo(PositioningOutcome.Action.APPLIED);
        Set<String> received = consume("young-g", "young", 4);
        assertThat(received).containsExactlyInAnyOrder("m-6", "m-7", "m-8", "m-9");
    }

    @Test
    void onceModeAppliesEachSettingOnceAndRecordsIt() throws Exception {
        MQ.rocketMq().createTopic("once", 1);
        List<Long> storeTimes = send("once", 3);
        String setting = Long.toString(storeTimes.get(1));

        PositioningOutcome first = positioner.position("once-g", "once", setting, StartupPositioning.ONCE, "alice");
        assertThat(first.action()).isEqualTo(PositioningOutcome.Action.APPLIED);
        assertThat(first.plan().messagesToReplay()).isEqualTo(2);
        assertThat(journal.find(JournalKind.STARTUP_POSITIONING, "once-g", "once", setting))
                .hasValueSatisfying(entry -> {
                    assertThat(entry.actor()).isEqualTo("alice");
                    assertThat(entry.timestamp()).isEqualTo(storeTimes.get(1));
                    assertThat(entry.messagesToReplay()).isEqualTo(2);
                    assertThat(entry.queues()).hasSize(1);
                });

        PositioningOutcome again = positioner.position("once-g", "once", setting, StartupPositioning.ONCE, "bob");
        assertThat(again.action()).isEqualTo(PositioningOutcome.Action.ALREADY_APPLIED);
        assertThat(again.earlier().actor()).isEqualTo("alice");

        PositioningOutcome changed = positioner.position("once-g", "once", Long.toString(storeTimes.get(0)),
                StartupPositioning.ONCE, "bob");
        assertThat(changed.action()).isEqualTo(PositioningOutcome.Action.APPLIED);
        assertThat(changed.plan().queues().get(0).committedOffset()).as("left by the first application").isEqualTo(1);
        assertThat(changed.plan().messagesToReplay()).isEqualTo(1);
    }

    @Test
    void nativeModeLeavesGroupsWithStoredOffsetsAlone() throws Exception {
        MQ.rocketMq().createTopic("native", 1);
        List<Long> storeTimes = send("native", 3);
        consume("native-g", "native", 3);

        PositioningOutcome kept = positioner.position("native-g", "native", Long.toString(storeTimes.get(0)),
                StartupPositioning.NATIVE, "test");
        assertThat(kept.action()).isEqualTo(PositioningOutcome.Action.HAS_OFFSETS);
        assertThat(kept.plan().queues()).anyMatch(q -> q.committedOffset() != null && q.committedOffset() > 0);

        PositioningOutcome fresh = positioner.position("native-new", "native", Long.toString(storeTimes.get(2)),
                StartupPositioning.NATIVE, "test");
        assertThat(fresh.action()).isEqualTo(PositioningOutcome.Action.APPLIED);
        assertThat(fresh.plan().messagesToReplay()).isEqualTo(1);
    }

    @Test
    void anUnreadableTimeFailsBeforeAnythingMoves() {
        assertThatThrownBy(() -> positioner.position("g", "once", "yesterday-ish", StartupPositioning.ONCE, "t"))
                .isInstanceOf(InvalidTimeExpressionException.class).hasMessageContaining("yesterday-ish");
    }

    private static List<Long> send(String topic, int count) throws Exception {
        return PositionerMessages.send(MQ, topic, count);
    }

    private static Set<String> consume(String group, String topic, int expected) {
        try (RecordingConsumer consumer = RecordingConsumer.start(MQ.nameServerAddress(), group, topic)) {
            return consumer.awaitCount(expected, Duration.ofSeconds(90));
        }
    }
}

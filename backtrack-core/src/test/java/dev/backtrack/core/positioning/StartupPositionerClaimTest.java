package dev.backtrack.core.positioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.claim.ClaimQueue;
import dev.backtrack.core.claim.ClaimRecord;
import dev.backtrack.core.claim.SettingClaims;
import dev.backtrack.core.claim.StoredClaim;
import dev.backtrack.core.cluster.QueueAddress;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalException;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.core.rewind.RewindApplier;
import dev.backtrack.core.rewind.RewindPlanner;
import dev.backtrack.core.time.TimeExpressionParser;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Start-up positioning with claims and a journal that cannot be read, against a real broker. */
class StartupPositionerClaimTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void aSettingClaimedByAnInstanceThatDiedIsAppliedOnceTheClaimsLeaseEnds() throws Exception {
        String topic = "takeover-topic";
        String group = "takeover-g";
        String journalTopic = "JOURNAL_TAKEOVER";
        MQ.rocketMq().createTopic(topic, 2);
        List<Long> storeTimes = send(topic, 6);
        String setting = Long.toString(storeTimes.get(2));
        Duration lease = Duration.ofSeconds(3);
        StoredClaim dead;
        try (ClaimQueue queue = ClaimQueue.open(admin, SettingClaims.claimTopic(journalTopic))) {
            dead = queue.append(new ClaimRecord(ClaimRecord.Kind.CLAIM, UUID.randomUUID().toString(), group, topic,
                    setting, "died-while-positioning", System.currentTimeMillis()));
        }

        try (RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, journalTopic);
                SettingClaims claims = new SettingClaims(
                        () -> ClaimQueue.open(admin, SettingClaims.claimTopic(journalTopic)), lease,
                        Duration.ofMillis(100))) {
            StartupPositioner positioner = positioner(journal, claims);
            PositioningOutcome outcome = positioner.position(group, topic, setting, StartupPositioning.ONCE, "heir");
            assertThat(outcome.action()).isEqualTo(PositioningOutcome.Action.APPLIED);
            assertThat(outcome.plan().messagesToReplay()).isEqualTo(4);
            List<JournalEntry> entries = journal.entries();
            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(entry.actor()).isEqualTo("heir");
                assertThat(entry.appliedAt()).as("not before the dead claim's lease ended")
                        .isGreaterThanOrEqualTo(dead.storeTime() + lease.toMillis());
            });
            assertThat(committed(group, topic)).containsExactlyElementsOf(
                    outcome.plan().queues().stream().map(q -> (Long) q.targetOffset()).toList());

            PositioningOutcome again = positioner.position(group, topic, setting, StartupPositioning.ONCE, "later");
            assertThat(again.action()).isEqualTo(PositioningOutcome.Action.ALREADY_APPLIED);
            assertThat(again.earlier().actor()).isEqualTo("heir");
        }
    }

    @Test
    void aJournalThatCannotBeReadStopsPositioningBeforeAnythingMoves() throws Exception {
        String topic = "unreadable-topic";
        String group = "unreadable-g";
        String journalTopic = "JOURNAL_UNREADABLE";
        MQ.rocketMq().createTopic(topic, 2);
        List<Long> storeTimes = send(topic, 4);
        String brokerAddress = MQ.rocketMq().brokerAddresses().get(0);
        admin.ensureGroup(brokerAddress, group);
        for (QueueAddress queue : admin.queues(topic)) {
            admin.writeOffset(queue.brokerAddress(), group, queue.queue(),
                    admin.maxOffset(queue.brokerAddress(), queue.queue()));
        }
        List<Long> before = committed(group, topic);
        admin.createTopic(brokerAddress, new TopicConfig(journalTopic, 1, 1,
                PermName.PERM_WRITE));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> admin.route(journalTopic) != null);

        try (RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, journalTopic);
                SettingClaims claims = new SettingClaims(
                        () -> ClaimQueue.open(admin, SettingClaims.claimTopic(journalTopic)),
                        SettingClaims.DEFAULT_LEASE, SettingClaims.DEFAULT_POLL)) {
            assertThatThrownBy(() -> positioner(journal, claims).position(group, topic,
                    Long.toString(storeTimes.get(0)), StartupPositioning.ONCE, "test"))
                    .isInstanceOf(JournalException.class).hasMessageContaining(journalTopic);
        }
        assertThat(committed(group, topic)).as("offsets untouched").isEqualTo(before)
                .allSatisfy(offset -> assertThat(offset).isEqualTo(2L));
    }

    private StartupPositioner positioner(RewindJournal journal, SettingClaims claims) {
        return new StartupPositioner(new RewindPlanner(admin), new RewindApplier(admin), journal, claims,
                new TimeExpressionParser(ZoneOffset.UTC), Clock.systemUTC());
    }

    private List<Long> committed(String group, String topic) {
        return admin.queues(topic).stream()
                .map(q -> admin.committedOffset(q.brokerAddress(), group, q.queue())).toList();
    }

    private static List<Long> send(String topic, int count) throws Exception {
        return PositionerMessages.send(MQ, topic, count);
    }
}

package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.rocketmq.common.constant.PermName;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: the control topic that carries in-place rewind orders is deleted, then made read-only, while an instance
 * runs. A rewind is still applied, through the broker path when the order cannot reach the instance, and the answer
 * says why; nothing at or after T is lost and nothing before T comes again.
 */
class ControlTopicFaultTest extends ClusterScenario {

    @Test
    void rewindFallsBackToTheBrokerPathWhenTheControlTopicIsGoneOrReadOnly() throws Exception {
        String topic = unique("control-fault");
        String group = unique("control-fault-group");
        String control = "CTRL_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        cluster.createTopic(topic, 2);
        long start = System.currentTimeMillis() - 1;
        MessageLedger ledger = MessageLedger.sentInBulk(cluster.nameServer(), topic, 400);
        List<AppInstance> apps = startApps(1, topic, group, start, Map.of("backtrack.control.topic", control));
        List<Path> ledgers = ledgers(apps);
        awaitTrue("the backlog consumed once", Duration.ofSeconds(120), () -> ledger.receivedAtAll(ledgers) == 400);

        // An ordinary in-place rewind first, so that the control topic holds an order and its acknowledgement.
        long t0 = ledger.storeTime(ledger.id(300));
        Rewinds.Answer ordinary = Rewinds.rewind(cluster.nameServer(), group, topic, t0, "--control-topic", control);
        assertThat(ordinary.path()).as(ordinary.toString()).isEqualTo("IN_PROCESS");
        awaitTrue("the first replay", Duration.ofSeconds(120),
                () -> ledger.count(t0, 0, ordinary.startedAt(), ordinary.answeredAt(), ledgers).lost() == 0);

        // A: the control topic deleted from the brokers and the name server.
        cluster.deleteTopic(control);
        awaitTrue("the control topic gone", Duration.ofSeconds(60), () -> {
            try {
                cluster.admin().route(control);
                return false;
            } catch (Exception e) {
                return true;
            }
        });
        // No wait for the long polls the in-place rewind left parked: a broker reset right after it is safe
        // (ResetKeepingOffsetStore; BrokerResetAfterInPlaceRewindTest), and this scenario exercises that too.
        long t1 = ledger.storeTime(ledger.id(200));
        Rewinds.Answer deleted = Rewinds.rewind(cluster.nameServer(), group, topic, t1, "--control-topic", control,
                "--ack-timeout", "5s");
        poll(Duration.ofSeconds(deleted.exitCode() == 0 ? 120 : 10), () -> ledger.count(t1, ordinary.startedAt(),
                deleted.startedAt(), deleted.answeredAt(), ledgers).lost() == 0);
        LedgerSummary whenDeleted = new LedgerSummary("5a control topic deleted", "1 instance, 400 msgs",
                "control topic deleted before the rewind",
                ledger.count(t1, ordinary.startedAt(), deleted.startedAt(), deleted.answeredAt(), ledgers),
                Journal.duplicatePositionings(Journal.entries(cluster.nameServer(), group)), deleted.pathOrFailure(),
                deleted.noteOrError()).report();

        // B: the control topic read-only on every broker.
        cluster.createTopic(control, 1, PermName.PERM_READ);
        long t2 = ledger.storeTime(ledger.id(100));
        Rewinds.Answer readOnly = Rewinds.rewind(cluster.nameServer(), group, topic, t2, "--control-topic", control,
                "--ack-timeout", "5s");
        poll(Duration.ofSeconds(readOnly.exitCode() == 0 ? 120 : 10), () -> ledger.count(t2, deleted.startedAt(),
                readOnly.startedAt(), readOnly.answeredAt(), ledgers).lost() == 0);
        LedgerSummary whenReadOnly = new LedgerSummary("5b control topic not writable", "1 instance, 400 msgs",
                "control topic read-only (perm R) on both brokers",
                ledger.count(t2, deleted.startedAt(), readOnly.startedAt(), readOnly.answeredAt(), ledgers),
                Journal.duplicatePositionings(Journal.entries(cluster.nameServer(), group)), readOnly.pathOrFailure(),
                readOnly.noteOrError()).report();

        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(readOnly.exitCode()).as(readOnly.toString()).isZero();
        // Deleted: the channel re-creates the topic; the instance either still hears the order or the group falls back.
        if (!"IN_PROCESS".equals(deleted.path())) {
            assertThat(deleted.path()).as(deleted.toString()).isEqualTo("BROKER_RESET");
            assertThat(deleted.note()).as(deleted.toString()).isNotBlank();
        }
        assertThat(readOnly.path()).as(readOnly.toString()).isEqualTo("BROKER_RESET");
        assertThat(readOnly.note()).as("the answer names the reason").containsIgnoringCase("control topic");
        for (LedgerSummary summary : List.of(whenDeleted, whenReadOnly)) {
            assertThat(summary.counts().lost()).as(summary.scenario() + ": lost").isZero();
            assertThat(summary.counts().consumedAfterT()).as(summary.scenario())
                    .isEqualTo(summary.counts().expectedAfterT());
            assertThat(summary.counts().wronglyReplayed()).as(summary.scenario() + ": wrongly replayed").isZero();
        }
    }
}

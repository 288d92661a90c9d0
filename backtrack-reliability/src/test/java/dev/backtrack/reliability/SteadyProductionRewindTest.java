package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: two instances in separate JVMs consume while a producer keeps sending; an operator rewinds the group to
 * a time T in the past. Nothing stored before T comes again, everything stored in [T, rewind) comes again, and every
 * produced message is consumed.
 */
class SteadyProductionRewindTest extends ClusterScenario {

    @Test
    void rewindDuringSteadyProductionReplaysExactlyWhatWasStoredFromT() throws Exception {
        int rate = size("steadyRate", 100);
        String topic = unique("steady");
        String group = unique("steady-group");
        cluster.createTopic(topic, 4);
        MessageLedger ledger = new MessageLedger(topic);
        List<AppInstance> apps = startApps(2, topic, group, System.currentTimeMillis(), Map.of());
        List<Path> ledgers = ledgers(apps);

        Rewinds.Answer answer;
        long t;
        try (LedgerProducer producer = new LedgerProducer(cluster.nameServer(), ledger)) {
            producer.startSteady(rate);
            awaitTrue("6 s of production", Duration.ofSeconds(120), () -> ledger.producedCount() >= rate * 6);
            int sent = ledger.producedCount();
            awaitTrue("the first " + sent + " messages consumed", Duration.ofSeconds(120),
                    () -> ledger.receivedFirst(ledgers, sent));
            t = storeTime(ledger, ledger.id(sent / 2)); // everything stored before T has been consumed
            awaitTrue("3 s more of production", Duration.ofSeconds(120),
                    () -> ledger.producedCount() >= sent + rate * 3);

            answer = Rewinds.rewind(cluster.nameServer(), group, topic, t);

            int atAnswer = ledger.producedCount();
            awaitTrue("3 s of production after the rewind", Duration.ofSeconds(120),
                    () -> ledger.producedCount() >= atAnswer + rate * 3);
        }
        ledger.readStoreTimes(cluster.nameServer());
        long rewindStarted = answer.startedAt();
        long answered = answer.answeredAt();
        poll(Duration.ofSeconds(180), () -> ledger.count(t, 0, rewindStarted, answered, ledgers).lost() == 0);

        LedgerSummary summary = new LedgerSummary("1 steady production", "2 instances, " + ledger.producedCount()
                + " msgs at " + rate + "/s", "rewind to T while producing",
                ledger.count(t, 0, rewindStarted, answered, ledgers),
                Journal.duplicatePositionings(Journal.entries(cluster.nameServer(), group)), answer.pathOrFailure(),
                answer.noteOrError()).report();

        assertThat(answer.exitCode()).as(answer.toString()).isZero();
        assertThat(answer.path()).as(answer.toString()).isEqualTo("IN_PROCESS");
        assertThat(answer.acknowledgements()).as(answer.toString()).isEqualTo(2);
        assertThat(summary.counts().lost()).as("lost").isZero();
        assertThat(summary.counts().wronglyReplayed()).as("stored before T, delivered again after the rewind").isZero();
        assertThat(summary.counts().consumedAfterT()).isEqualTo(summary.counts().expectedAfterT());
        assertThat(summary.duplicatePositionings()).as("start-up positionings applied more than once").isZero();
    }
}

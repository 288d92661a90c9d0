package dev.backtrack.core.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claims on a real two-broker cluster: one queue in use, one winner among concurrent claimers, takeover of a dead
 * claim.
 */
class SettingClaimsTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2).shared();

    private final RocketMqAdmin admin = TestAdmins.of(MQ);

    @Test
    void ofConcurrentClaimersExactlyOneHoldsTheSettingAndTheOthersSeeItsRecord() throws Exception {
        String journalTopic = "CLAIMS_CONCURRENT_JOURNAL";
        String claimTopic = SettingClaims.claimTopic(journalTopic);
        ClaimKey key = new ClaimKey("g-concurrent", "t-concurrent", "20220117110148");
        int instances = 6;
        CyclicBarrier start = new CyclicBarrier(instances);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<ClaimTurn>> turns = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                String instance = "instance-" + i;
                turns.add(pool.submit(() -> claimAndRecord(journalTopic, claimTopic, key, instance,
                        SettingClaims.DEFAULT_LEASE, start)));
            }
            List<ClaimTurn> results = new ArrayList<>();
            for (Future<ClaimTurn> turn : turns) {
                results.add(turn.get(90, TimeUnit.SECONDS));
            }
            List<ClaimTurn.Held> winners = results.stream().filter(ClaimTurn.Held.class::isInstance)
                    .map(ClaimTurn.Held.class::cast).toList();
            assertThat(winners).as("instances that held the claim").hasSize(1);
            String winner = winners.get(0).claim().record().instance();
            assertThat(results).filteredOn(ClaimTurn.Applied.class::isInstance)
                    .map(turn -> ((ClaimTurn.Applied) turn).entry().actor())
                    .as("every other instance waited for the winner's record").hasSize(instances - 1)
                    .containsOnly(winner);
        } finally {
            pool.shutdownNow();
        }

        try (ClaimQueue queue = ClaimQueue.open(admin, claimTopic);
                RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, journalTopic)) {
            List<StoredClaim> claims = queue.records().stream()
                    .filter(r -> r.record().kind() == ClaimRecord.Kind.CLAIM).toList();
            assertThat(claims.get(0).record().instance()).as("the first claim in queue order wins")
                    .isEqualTo(winnerOf(journal, key));
            assertThat(journal.entries()).as("one record of the setting").hasSize(1);
        }
        TopicRouteData route = admin.route(claimTopic);
        assertThat(route.getQueueDatas()).as("one queue on each of the two brokers")
                .extracting(QueueData::getBrokerName, QueueData::getReadQueueNums, QueueData::getWriteQueueNums)
                .containsExactlyInAnyOrder(tuple("broker-a", 1, 1), tuple("broker-b", 1, 1));
        try (ClaimQueue queue = ClaimQueue.open(admin, claimTopic)) {
            assertThat(queue.queue().getBrokerName()).as("the claims go to the first broker by name").isEqualTo(
                    "broker-a");
        }
    }

    @Test
    void aClaimLeftByADeadInstanceIsTakenOverByOneWaiterOnceItsLeaseEnds() throws Exception {
        String journalTopic = "CLAIMS_TAKEOVER_JOURNAL";
        String claimTopic = SettingClaims.claimTopic(journalTopic);
        ClaimKey key = new ClaimKey("g-takeover", "t-takeover", "-1h");
        Duration lease = Duration.ofSeconds(3);
        StoredClaim dead;
        try (ClaimQueue queue = ClaimQueue.open(admin, claimTopic)) {
            dead = queue.append(new ClaimRecord(ClaimRecord.Kind.CLAIM, UUID.randomUUID().toString(), key.group(),
                    key.topic(), key.requestedTime(), "dead-instance", System.currentTimeMillis()));
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ClaimTurn> first = pool.submit(() -> claimAndRecord(journalTopic, claimTopic, key, "survivor-1",
                    lease, start));
            Future<ClaimTurn> second = pool.submit(() -> claimAndRecord(journalTopic, claimTopic, key, "survivor-2",
                    lease, start));
            List<ClaimTurn> results = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
            List<ClaimTurn.Held> winners = results.stream().filter(ClaimTurn.Held.class::isInstance)
                    .map(ClaimTurn.Held.class::cast).toList();
            assertThat(winners).as("exactly one survivor took over").hasSize(1);
            StoredClaim taken = winners.get(0).claim();
            assertThat(taken.storeTime()).as("taken over only after the dead claim's lease")
                    .isGreaterThanOrEqualTo(dead.storeTime() + lease.toMillis());
            assertThat(results).filteredOn(ClaimTurn.Applied.class::isInstance)
                    .map(turn -> ((ClaimTurn.Applied) turn).entry().actor())
                    .containsExactly(taken.record().instance());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedClaimIsTakenOverWithoutWaitingForItsLease() throws Exception {
        String claimTopic = SettingClaims.claimTopic("CLAIMS_RELEASE_JOURNAL");
        ClaimKey key = new ClaimKey("g-release", "t-release", "now");
        try (SettingClaims gone = new SettingClaims(() -> ClaimQueue.open(admin, claimTopic), Duration.ofHours(1),
                SettingClaims.DEFAULT_POLL);
                SettingClaims next = new SettingClaims(() -> ClaimQueue.open(admin, claimTopic), Duration.ofHours(1),
                        SettingClaims.DEFAULT_POLL)) {
            ClaimTurn.Held failed = (ClaimTurn.Held) gone.awaitTurn(key, "failing", java.util.Optional::empty);
            gone.release(failed, "failing");
            ClaimTurn turn = next.awaitTurn(key, "next", java.util.Optional::empty);
            assertThat(turn).isInstanceOfSatisfying(ClaimTurn.Held.class,
                    held -> assertThat(held.claim().record().instance()).isEqualTo("next"));
        }
    }

    /** One instance: claims the key, and when it holds it, records the setting as applied in the journal. */
    private static ClaimTurn claimAndRecord(String journalTopic, String claimTopic, ClaimKey key, String instance,
            Duration lease, CyclicBarrier start) throws Exception {
        try (RocketMqAdmin own = new RocketMqAdmin(TestAdmins.settings(MQ.nameServerAddress()));
                RewindJournal journal = new RewindJournal(MQ.nameServerAddress(), null, journalTopic);
                SettingClaims claims = new SettingClaims(() -> ClaimQueue.open(own, claimTopic), lease,
                        Duration.ofMillis(100))) {
            start.await(30, TimeUnit.SECONDS);
            ClaimTurn turn = claims.awaitTurn(key, instance, () -> journal.find(JournalKind.STARTUP_POSITIONING,
                    key.group(), key.topic(), key.requestedTime()));
            if (turn instanceof ClaimTurn.Held) {
                journal.append(new JournalEntry(JournalKind.STARTUP_POSITIONING, key.group(), key.topic(),
                        key.requestedTime(), 0, System.currentTimeMillis(), instance, 0, List.of()));
            }
            return turn;
        }
    }

    private static String winnerOf(RewindJournal journal, ClaimKey key) {
        return journal.find(JournalKind.STARTUP_POSITIONING, key.group(), key.topic(), key.requestedTime())
                .orElseThrow().actor();
    }
}

package dev.backtrack.core.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.core.journal.JournalEntry;
import dev.backtrack.core.journal.JournalKind;
import dev.backtrack.core.journal.RewindJournal;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker whose queue holds the claims is lost: an instance that starts afterwards claims on the other broker's
 * queue, and a setting applied before the loss is still found applied in the journal (its entry is on both brokers).
 */
class ClaimsSurviveABrokerTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.brokers(2);
    private static final String JOURNAL = "CLAIMS_SURVIVE_JOURNAL";
    private static final String CLAIMS = SettingClaims.claimTopic(JOURNAL);
    private static final Duration LEASE = Duration.ofSeconds(60);

    @Test
    void afterTheClaimBrokerIsLostClaimsGoOnOnTheOtherAndWhatWasAppliedStaysApplied(EmbeddedRocketMq mq) {
        ClaimKey before = new ClaimKey("g-survive", "t-survive", "-1h");
        try (RocketMqAdmin admin = admin(mq);
                RewindJournal journal = RewindJournal.openForWriting(admin, JOURNAL);
                SettingClaims claims = new SettingClaims(() -> ClaimQueue.open(admin, CLAIMS), LEASE,
                        SettingClaims.DEFAULT_POLL)) {
            ClaimTurn turn = claims.awaitTurn(before, "instance-1", () -> applied(journal, before));
            assertThat(turn).isInstanceOfSatisfying(ClaimTurn.Held.class, held -> assertThat(
                    held.claim().record().instance()).isEqualTo("instance-1"));
            journal.append(new JournalEntry(JournalKind.STARTUP_POSITIONING, before.group(), before.topic(),
                    before.requestedTime(), 0, System.currentTimeMillis(), "instance-1", 0, List.of()));
            try (ClaimQueue queue = ClaimQueue.open(admin, CLAIMS)) {
                assertThat(queue.queue().getBrokerName()).as("the claims in use before the loss").isEqualTo(
                        "broker-a");
            }
        }

        mq.stopBroker("broker-a");

        ClaimKey after = new ClaimKey("g-survive", "t-survive", "-2h");
        try (RocketMqAdmin admin = admin(mq);
                RewindJournal journal = RewindJournal.openForWriting(admin, JOURNAL);
                SettingClaims claims = new SettingClaims(() -> ClaimQueue.open(admin, CLAIMS), LEASE,
                        SettingClaims.DEFAULT_POLL)) {
            assertThat(claims.awaitTurn(before, "instance-2", () -> applied(journal, before)))
                    .as("the setting applied before the loss is not applied again")
                    .isInstanceOfSatisfying(ClaimTurn.Applied.class, applied -> assertThat(applied.entry().actor())
                            .isEqualTo("instance-1"));
            assertThat(claims.awaitTurn(after, "instance-2", () -> applied(journal, after)))
                    .as("a new setting is claimed on the broker that is left")
                    .isInstanceOfSatisfying(ClaimTurn.Held.class, held -> assertThat(
                            held.claim().record().instance()).isEqualTo("instance-2"));
            try (ClaimQueue queue = ClaimQueue.open(admin, CLAIMS)) {
                assertThat(queue.queue().getBrokerName()).isEqualTo("broker-b");
                assertThat(queue.records()).extracting(claim -> claim.record().requestedTime())
                        .as("what broker-b's queue holds").containsExactly("-2h");
            }
        }
    }

    private static RocketMqAdmin admin(EmbeddedRocketMq mq) {
        return new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()));
    }

    private static Optional<JournalEntry> applied(RewindJournal journal, ClaimKey key) {
        return journal.find(JournalKind.STARTUP_POSITIONING, key.group(), key.topic(), key.requestedTime());
    }
}

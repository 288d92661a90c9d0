package dev.backtrack.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ledger's sets: lost, replayed that should not be, delivered more than once. */
class DeliveryLedgerTest {

    private static final List<String> SENT = List.of("m-0", "m-1", "m-2", "m-3", "m-4");

    @Test
    void anExactReplayHasNothingLostUnexpectedOrRepeated() {
        DeliveryLedger ledger = new DeliveryLedger();
        SENT.forEach(id -> ledger.delivered(id, 100));
        List.of("m-2", "m-3", "m-4").forEach(id -> ledger.delivered(id, 200));

        DeliveryLedger.Comparison replay = ledger.compare(SENT, List.of("m-2", "m-3", "m-4"), 200);
        assertThat(replay.exact()).as("%s", replay).isTrue();
        assertThat(ledger.repeated()).isEqualTo(Map.of("m-2", 2, "m-3", 2, "m-4", 2));
    }

    @Test
    void eachKindOfFaultIsCountedAndNamed() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.delivered("m-1", 200); // before T: must not be replayed
        ledger.delivered("m-2", 200);
        ledger.delivered("m-3", 200);
        ledger.delivered("m-3", 250); // twice
        ledger.delivered("someone-else's", 200); // not sent by this test: ignored
        // m-4 never comes

        DeliveryLedger.Comparison replay = ledger.compare(SENT, List.of("m-2", "m-3", "m-4"), 200);
        assertThat(replay.lost()).isEqualTo(Set.of("m-4"));
        assertThat(replay.unexpected()).isEqualTo(Set.of("m-1"));
        assertThat(replay.duplicates()).isEqualTo(Map.of("m-3", 2));
        assertThat(replay.exact()).isFalse();
        assertThat(replay).hasToString("lost 1 [m-4], unexpected 1 [m-1], delivered more than once 1 [m-3]");
    }

    @Test
    void deliveriesBeforeTheStartOfTheComparisonDoNotCount() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.delivered("m-0", 100);
        ledger.delivered("m-0", 150);

        assertThat(ledger.compare(SENT, List.of(), 200).exact()).isTrue();
        assertThat(ledger.compare(SENT, List.of(), 0).duplicates()).isEqualTo(Map.of("m-0", 2));
        assertThat(ledger.receivedAll(List.of("m-0"))).isTrue();
        assertThat(ledger.receivedAll(List.of("m-0", "m-1"))).isFalse();
    }

    @Test
    void listenersRecordFromManyThreadsWithoutLosingADelivery() throws Exception {
        DeliveryLedger ledger = new DeliveryLedger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8_000; i++) {
            String id = "m-" + (i % 1_000);
            threads.submit(() -> ledger.delivered(id));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ledger.log()).hasSize(8_000);
        assertThat(ledger.deliveries()).hasSize(1_000).allSatisfy((id, count) -> assertThat(count).isEqualTo(8));
    }
}

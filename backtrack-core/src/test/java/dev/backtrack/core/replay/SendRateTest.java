package dev.backtrack.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate a replay or redrive sends at: how it is typed, wrong values, and the pacer's spacing on a fake clock. */
class SendRateTest {

    @Test
    void aRateIsTypedPerSecondOrPerMinute() {
        assertThat(SendRate.parse("200").perSecond()).isEqualTo(200);
        assertThat(SendRate.parse(" 200/s ").perSecond()).isEqualTo(200);
        assertThat(SendRate.parse("0.5/sec").perSecond()).isEqualTo(0.5);
        assertThat(SendRate.parse("600/m").perSecond()).isEqualTo(10);
        assertThat(SendRate.parse("90/min").describe()).isEqualTo("1.500/s");
        assertThat(SendRate.parse(null)).isEqualTo(SendRate.UNLIMITED);
        assertThat(SendRate.parse(" ").limited()).isFalse();
        assertThat(SendRate.parse("200/s").describe()).isEqualTo("200/s");
    }

    @Test
    void wrongRatesSayWhatIsAccepted() {
        for (String wrong : List.of("0", "0/s", "abc", "-5", "10/h", "1e3", "/s")) {
            assertThatThrownBy(() -> SendRate.parse(wrong)).as(wrong).isInstanceOf(InvalidRewindInputException.class)
                    .hasMessage("Rate '" + wrong + "' is not accepted; accepted: " + SendRate.ACCEPTED);
        }
    }

    @Test
    void thePacerSpacesSendsOneIntervalApartAndGivesNoBurstAfterAPause() {
        AtomicLong now = new AtomicLong(1_000);
        List<Long> waits = new ArrayList<>();
        Pacer pacer = new Pacer(SendRate.parse("4/s"), now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn();
        }
        assertThat(waits).as("the first at once, then 250 ms apart").containsExactly(250_000_000L, 250_000_000L,
                250_000_000L, 250_000_000L);
        now.addAndGet(10_000_000_000L); // the sender was busy for 10 s
        pacer.awaitTurn();
        pacer.awaitTurn();
        assertThat(waits).as("no burst after the pause: the next slot is now, the one after 250 ms later")
                .hasSize(5).last().isEqualTo(250_000_000L);

        waits.clear();
        Pacer unlimited = new Pacer(SendRate.UNLIMITED, now::get, waits::add);
        unlimited.awaitTurn();
        unlimited.awaitTurn();
        assertThat(waits).isEmpty();
    }

    @Test
    void anInstanceHoldingOneQueueInFourIsPacedAtAQuarterOfTheGroupsRate() {
        SendRate share = SendRate.parse("200/s").share(1, 4);
        assertThat(share.perSecond()).isEqualTo(50);
        AtomicLong now = new AtomicLong(0);
        List<Long> waits = new ArrayList<>();
        Pacer pacer = new Pacer(share, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
        pacer.awaitTurn();
        pacer.awaitTurn();
        assertThat(waits).as("20 ms apart at 50/s").containsExactly(20_000_000L);
        assertThat(SendRate.parse("600/m").share(3, 3).describe()).isEqualTo("10/s");
        assertThat(SendRate.UNLIMITED.share(1, 4)).isEqualTo(SendRate.UNLIMITED);
        assertThatThrownBy(() -> SendRate.parse("10").share(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendRate.parse("10").share(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPacerWithACatchUpAllowanceTakesTheSlotsMissedWithinItAtOnceAndNoMore() {
        AtomicLong now = new AtomicLong(0);
        List<Long> waits = new ArrayList<>();
        Pacer pacer = new Pacer(SendRate.parse("100/s"), Duration.ofMillis(50), now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
        pacer.awaitTurn(); // slot 0
        now.addAndGet(1_000_000_000L); // a stall of 1 s: slots up to 50 ms back are taken at once
        for (int i = 0; i < 7; i++) {
            pacer.awaitTurn();
        }
        assertThat(waits).as("six slots at once (the five missed within the last 50 ms, and now's), the next 10 ms on")
                .containsExactly(10_000_000L);
    }
}

package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.RewindException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Requests sent side by side answer in the items' order, and a failure is thrown as the request raised it. */
class SideBySideTest {

    @Test
    void answersInTheItemsOrderWhateverOrderTheyComeBackIn() {
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> answers = SideBySide.each(items, 8, i -> {
            threads.add(Thread.currentThread().getName());
            sleep((200 - i) % 7);
            return i * 2;
        });
        assertThat(answers).isEqualTo(items.stream().map(i -> i * 2).toList());
        assertThat(threads).hasSizeBetween(2, 8);
    }

    @Test
    void keepsNullAnswers() {
        assertThat(SideBySide.each(List.of(1, 2, 3), 4, i -> i == 2 ? null : i)).containsExactly(1, null, 3);
    }

    @Test
    void throwsTheFailureOfTheRequestNamingWhatFailed() {
        assertThatThrownBy(() -> SideBySide.each(List.of(1, 2, 3, 4), 4, i -> {
            if (i == 3) {
                throw new RewindException("Cannot read queue 3 on broker b");
            }
            return i;
        })).isInstanceOf(RewindException.class).hasMessage("Cannot read queue 3 on broker b");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

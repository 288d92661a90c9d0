package dev.backtrack.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import org.junit.jupiter.api.Test;

class ConsumerBindingTest {

    @Test
    void theSecretKeyIsNeverPrinted() {
        ConsumerBinding binding = new ConsumerBinding("in", "t", "g", null, "-1h", "h:1", "ak", "the-secret-value");
        assertThat(binding.toString()).doesNotContain("the-secret-value").contains("ak").contains("(hidden)");
    }
}

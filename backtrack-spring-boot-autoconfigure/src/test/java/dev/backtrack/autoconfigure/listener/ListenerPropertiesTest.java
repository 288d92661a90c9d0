package dev.backtrack.autoconfigure.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.BacktrackProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code backtrack.listeners.<consumerGroup>.consume-timestamp} keeps the group name as written. */
class ListenerPropertiesTest {

    @Test
    void groupNamesKeepTheirCaseAndCharacters() {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource(Map.of(
                "backtrack.listeners.OrderGroup.consume-timestamp", "-1h",
                "backtrack.listeners.order_group-2.consumeTimestamp", "20220117110148",
                "backtrack.listeners[CID%order|x].consume-timestamp", "now"));
        BacktrackProperties properties = new Binder(source).bind("backtrack", BacktrackProperties.class).get();
        assertThat(properties.getListeners()).containsOnlyKeys("OrderGroup", "order_group-2", "CID%order|x");
        assertThat(properties.getListeners().get("OrderGroup").getConsumeTimestamp()).isEqualTo("-1h");
        assertThat(properties.getListeners().get("order_group-2").getConsumeTimestamp()).isEqualTo("20220117110148");
        assertThat(properties.getListeners().get("CID%order|x").getConsumeTimestamp()).isEqualTo("now");
    }
}

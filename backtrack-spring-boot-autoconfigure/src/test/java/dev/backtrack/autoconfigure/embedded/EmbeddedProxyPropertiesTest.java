package dev.backtrack.autoconfigure.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.embedded.EmbeddedRocketMqConfig;
import dev.backtrack.embedded.EmbeddedRocketMqException;
import org.junit.jupiter.api.Test;

class EmbeddedProxyPropertiesTest {

    @Test
    void theProxyIsOffByDefaultAndTheSettingsReachTheEmbeddedConfiguration() {
        EmbeddedRocketMqProperties properties = new EmbeddedRocketMqProperties();
        assertThat(EmbeddedRocketMqAutoConfiguration.toConfig(properties).proxyEnabled()).isFalse();

        properties.getProxy().setEnabled(true);
        properties.getProxy().setGrpcPort(18091);
        properties.getProxy().setRemotingPort(0);
        EmbeddedRocketMqConfig config = EmbeddedRocketMqAutoConfiguration.toConfig(properties);
        assertThat(config.proxyEnabled()).isTrue();
        assertThat(config.proxyGrpcPort()).isEqualTo(18091);
        assertThat(config.proxyRemotingPort()).isZero();
    }

    @Test
    void aProxyPortOutOfRangeNamesTheProperty() {
        EmbeddedRocketMqProperties properties = new EmbeddedRocketMqProperties();
        properties.getProxy().setEnabled(true);
        properties.getProxy().setRemotingPort(70000);
        assertThatThrownBy(() -> EmbeddedRocketMqAutoConfiguration.toConfig(properties))
                .isInstanceOf(EmbeddedRocketMqException.class).hasMessageContaining("proxyRemotingPort")
                .hasMessageContaining("accepted");
    }
}

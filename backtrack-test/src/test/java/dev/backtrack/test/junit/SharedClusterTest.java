package dev.backtrack.test.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.embedded.EmbeddedBroker;
import dev.backtrack.embedded.EmbeddedRocketMq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SharedClusterTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension ONE = EmbeddedRocketMqExtension.singleBroker().shared();

    @RegisterExtension
    static final EmbeddedRocketMqExtension SAME = EmbeddedRocketMqExtension.singleBroker().shared();

    @RegisterExtension
    static final EmbeddedRocketMqExtension TWO = EmbeddedRocketMqExtension.brokers(2).shared();

    @Test
    void extensionsWithTheSameSettingsShareOneClusterThatOutlivesATestClass() throws Exception {
        assertThat(SAME.rocketMq()).isSameAs(ONE.rocketMq());
        assertThat(TWO.rocketMq()).isNotSameAs(ONE.rocketMq());
        assertThat(TWO.rocketMq().brokers()).extracting(EmbeddedBroker::name).containsExactly("broker-a", "broker-b");
        assertThat(ONE.rocketMq().brokers()).extracting(EmbeddedBroker::name).containsExactly("broker-a");

        // What the next test class sees: this class's end leaves the cluster running, and a new extension gets it.
        EmbeddedRocketMq cluster = ONE.rocketMq();
        EmbeddedRocketMqExtension ended = EmbeddedRocketMqExtension.singleBroker().shared();
        ended.beforeAll(null);
        ended.afterAll(null);
        assertThat(cluster.isRunning()).isTrue();
        EmbeddedRocketMqExtension next = EmbeddedRocketMqExtension.singleBroker().shared();
        next.beforeAll(null);
        assertThat(next.rocketMq()).isSameAs(cluster);
        assertThat(next.nameServerAddress()).isEqualTo(cluster.nameServerAddress());
    }
}

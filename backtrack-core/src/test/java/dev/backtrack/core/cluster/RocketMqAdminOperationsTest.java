package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin operations the coverage check and the claim queue use, on a real broker. */
class RocketMqAdminOperationsTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void registeredMastersTopicsHeldAndTopicsCreatedOnOneBroker(EmbeddedRocketMq mq) {
        String address = mq.brokerAddresses().get(0);
        try (RocketMqAdmin admin = new RocketMqAdmin(AdminSettings.of(mq.nameServerAddress()))) {
            assertThat(admin.registeredMasters()).isEqualTo(Map.of("broker-a", address));
            assertThat(admin.holdsTopic(address, "ops-missing")).isFalse();

            admin.createTopic(address, new TopicConfig("ops-read-only", 2, 2, PermName.PERM_READ));
            assertThat(admin.holdsTopic(address, "ops-read-only")).isTrue();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(admin.route("ops-read-only")
                    .getQueueDatas()).singleElement().satisfies(q -> {
                        assertThat(q.getPerm()).isEqualTo(PermName.PERM_READ);
                        assertThat(q.getReadQueueNums()).isEqualTo(2);
                    }));
        }
    }
}

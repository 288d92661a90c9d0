package dev.backtrack.autoconfigure.actuate;

import static dev.backtrack.autoconfigure.actuate.EndpointTestSupport.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.autoconfigure.positioning.ConsumerBinding;
import dev.backtrack.core.TestAdmins;
import dev.backtrack.core.cluster.RocketMqAdmin;
import dev.backtrack.embedded.EmbeddedRocketMq;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/** {@code GET /actuator/backtrack/history}: an empty record is empty, an unreadable one is an error, never empty. */
class EndpointHistoryTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void aJournalThatCannotBeReadIs503NamingTheCauseNotAnEmptyHistory(EmbeddedRocketMq mq) throws Exception {
        String unreadable = "ENDPOINT_HISTORY_WRITE_ONLY";
        try (RocketMqAdmin admin = new RocketMqAdmin(TestAdmins.settings(mq.nameServerAddress()))) {
            admin.createTopic(mq.brokerAddresses().get(0),
                    new TopicConfig(unreadable, 1, 1, PermName.PERM_WRITE));
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> admin.route(unreadable) != null);
        }
        ConsumerBinding binding = new ConsumerBinding("input", "orders", "readers", null, null,
                mq.nameServerAddress(), null, null);

        WebEndpointResponse<Object> missing = EndpointTestSupport.endpoint("ENDPOINT_HISTORY_NEVER_CREATED", binding)
                .history(OPERATOR, "history");
        assertThat(missing.getStatus()).isEqualTo(200);
        assertThat(((Map<?, ?>) missing.getBody()).get("entries")).isEqualTo(List.of());

        WebEndpointResponse<Object> failed = EndpointTestSupport.endpoint(unreadable, binding)
                .history(OPERATOR, "history");
        assertThat(failed.getStatus()).isEqualTo(503);
        assertThat((String) ((Map<?, ?>) failed.getBody()).get("error"))
                .contains("Cannot read the journal topic " + unreadable).contains(mq.nameServerAddress());
    }
}

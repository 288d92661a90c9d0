package dev.backtrack.console.standalone;

import static dev.backtrack.console.ConsoleClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.console.ConsoleClient;
import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The stand-alone console's main class started against an embedded cluster, as {@code bin/backtrack console} does. */
class StandaloneConsoleTest {

    @RegisterExtension
    static final EmbeddedRocketMqExtension MQ = EmbeddedRocketMqExtension.singleBroker().shared();

    @Test
    void theMainClassServesTheConsoleAgainstTheGivenNameServer() throws Exception {
        String topic = "standalone-" + UUID.randomUUID().toString().substring(0, 8);
        MQ.rocketMq().createTopic(topic, 2);
        try (ConfigurableApplicationContext console = BacktrackConsoleApplication.start(new String[] {
            "-n", MQ.nameServerAddress(), "--port", "0", "--BACKTRACK_ADMIN_PASSWORD=admin-secret",
            "--BACKTRACK_VIEWER_PASSWORD=viewer-secret"})) {
            int port = ((WebServerApplicationContext) console).getWebServer().getPort();
            String root = "http://localhost:" + port;
            ConsoleClient anonymous = new ConsoleClient(root + "/backtrack-console");
            assertThat(anonymous.get("/api/me").statusCode()).isEqualTo(401);
            HttpResponse<String> home = new ConsoleClient(root).get("/");
            assertThat(home.statusCode()).isEqualTo(302);
            assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/backtrack-console/");
            assertThat(new ConsoleClient(root).get("/actuator").statusCode()).as("nothing else is open")
                    .isIn(401, 403, 404);

            ConsoleClient operator = new ConsoleClient(root + "/backtrack-console");
            assertThat(operator.login("operator", "admin-secret").statusCode()).isEqualTo(302);
            assertThat(json(operator.get("/api/me")).get("canRewind").asBoolean()).isTrue();
            HttpResponse<String> topics = operator.get("/api/topics");
            assertThat(topics.statusCode()).as(topics.body()).isEqualTo(200);
            assertThat(json(topics).findValuesAsText("topic")).contains(topic);
            ConsoleClient viewer = new ConsoleClient(root + "/backtrack-console");
            assertThat(viewer.login("viewer", "viewer-secret").statusCode()).isEqualTo(302);
            assertThat(json(viewer.get("/api/me")).get("canRewind").asBoolean()).isFalse();
        }
    }

    @Test
    void aBadCommandLineSaysWhatIsAccepted() {
        assertThatThrownBy(() -> StandaloneArguments.parse(new String[] {"--port", "http"}, null))
                .hasMessageContaining("--port is 'http'; accepted: 0 to 65535");
        assertThatThrownBy(() -> StandaloneArguments.parse(new String[] {"-n"}, null))
                .hasMessageContaining("-n needs a value");
        StandaloneArguments defaults = StandaloneArguments.parse(new String[] {"--x=y"}, "10.0.0.1:9876");
        assertThat(defaults.nameServer()).isEqualTo("10.0.0.1:9876");
        assertThat(defaults.port()).isEqualTo(8090);
        assertThat(defaults.springArguments()).containsExactly("--x=y");
        assertThat(StandaloneArguments.parse(new String[0], null).nameServer()).isEqualTo("127.0.0.1:9876");
    }
}

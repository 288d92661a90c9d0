package dev.backtrack.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.RewindException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Name-server addresses and ACL settings are checked before anything connects. */
class AdminSettingsTest {

    @Test
    void theSecretKeyIsNeverPrinted() {
        String printed = new AdminSettings("h:1", "ak", "the-secret-value", Duration.ofSeconds(3)).toString();
        assertThat(printed).doesNotContain("the-secret-value").contains("ak").contains("(hidden)");
    }

    @Test
    void acceptsHostPortListsAndKeepsThemTrimmed() {
        assertThat(AdminSettings.of("127.0.0.1:9876").nameServer()).isEqualTo("127.0.0.1:9876");
        assertThat(AdminSettings.of(" ns-1.example.com:9876 ; 10.0.0.6:19876;").nameServer())
                .isEqualTo("ns-1.example.com:9876;10.0.0.6:19876");
        assertThat(AdminSettings.of("[::1]:9876").nameServer()).isEqualTo("[::1]:9876");
        assertThat(AdminSettings.of("h:1").timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(AdminSettings.of("h:65535").hasCredentials()).isFalse();
        assertThat(new AdminSettings("h:1", "ak", "sk", Duration.ofSeconds(3)).hasCredentials()).isTrue();
    }

    @Test
    void saysWhatIsWrongWithAnAddressAndWhatIsAccepted() {
        assertThatThrownBy(() -> AdminSettings.of("localhost"))
                .isInstanceOf(InvalidRewindInputException.class)
                .hasMessage("Name server address 'localhost' is invalid: 'localhost' is not host:port; accepted: "
                        + "host:port, several separated by ';' (e.g. 127.0.0.1:9876), host a name or IP address, "
                        + "port 1-65535");
        assertThatThrownBy(() -> AdminSettings.of("127.0.0.1:70000")).hasMessageContaining("port 70000 is outside 1-65535");
        assertThatThrownBy(() -> AdminSettings.of("127.0.0.1:0")).hasMessageContaining("port 0 is outside 1-65535");
        assertThatThrownBy(() -> AdminSettings.of("127.0.0.1:nine")).hasMessageContaining("port 'nine' is not a number");
        assertThatThrownBy(() -> AdminSettings.of("127.0.0.1:")).hasMessageContaining("'127.0.0.1:' is not host:port");
        assertThatThrownBy(() -> AdminSettings.of(":9876")).hasMessageContaining("':9876' is not host:port");
        assertThatThrownBy(() -> AdminSettings.of("http://ns:9876"))
                .hasMessageContaining("host 'http://ns' is not a host name or IP address (leave out the scheme");
        assertThatThrownBy(() -> AdminSettings.of("my host:9876"))
                .hasMessageContaining("host 'my host' is not a host name or IP address");
        assertThatThrownBy(() -> AdminSettings.of("a:1;;b:2")).hasMessageContaining("an empty entry between ';'");
        assertThatThrownBy(() -> AdminSettings.of("a:1,b:2"))
                .hasMessageContaining("host 'a:1,b' is not a host name or IP address (separate several addresses with ';')");
        assertThatThrownBy(() -> AdminSettings.of(" ")).hasMessageStartingWith("Name server address is empty; accepted:");
        assertThatThrownBy(() -> AdminSettings.of(null)).hasMessageStartingWith("Name server address is empty");
    }

    @Test
    void needsBothAclKeysOrNeitherAndAPositiveTimeout() {
        assertThatThrownBy(() -> new AdminSettings("h:1", "ak", null, Duration.ofSeconds(3)))
                .isInstanceOf(RewindException.class)
                .hasMessage("RocketMQ ACL needs both an access key and a secret key, or neither");
        assertThatThrownBy(() -> new AdminSettings("h:1", null, null, Duration.ZERO))
                .hasMessage("Timeout must be positive, was PT0S");
        assertThatThrownBy(() -> new AdminSettings("h:1", null, null, null)).hasMessage("Timeout must be positive, was null");
    }
}

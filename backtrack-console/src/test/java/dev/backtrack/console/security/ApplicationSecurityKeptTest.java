package dev.backtrack.console.security;

import static dev.backtrack.console.ConsoleClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.console.ConsoleClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application without a security chain of its own keeps Spring Boot's default one for its own paths when the
 * console is added: the console's chain covers /backtrack-console only, and its users log in there only.
 */
@SpringBootTest(classes = ApplicationSecurityKeptTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "backtrack.console.enabled=true", "backtrack.console.name-server=127.0.0.1:1",
            "backtrack.console.users[0].name=alice", "backtrack.console.users[0].password=console-secret",
            "backtrack.console.users[0].roles=BACKTRACK_VIEWER",
            "spring.security.user.name=app-user", "spring.security.user.password=app-secret"})
class ApplicationSecurityKeptTest {

    /** An application with one endpoint of its own and no security configuration. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Hello hello() {
            return new Hello();
        }
    }

    /** The application's own endpoint. */
    @RestController
    static class Hello {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }

    @LocalServerPort
    int port;

    @Test
    void theApplicationsPathsStayProtectedByItsOwnUsersAndTheConsoleUsesItsOwn() throws Exception {
        ConsoleClient app = new ConsoleClient("http://localhost:" + port);
        assertThat(app.get("/hello").statusCode()).as("Boot's default chain still guards the application")
                .isIn(401, 302);

        ConsoleClient appUserAtTheConsole = new ConsoleClient("http://localhost:" + port + "/backtrack-console");
        assertThat(appUserAtTheConsole.login("app-user", "app-secret").headers().firstValue("Location")
                .orElseThrow()).as("the application's user is not a console user").endsWith("/login?error");

        ConsoleClient alice = new ConsoleClient("http://localhost:" + port + "/backtrack-console");
        assertThat(alice.login("alice", "console-secret").statusCode()).isEqualTo(302);
        assertThat(json(alice.get("/api/me")).get("user").asText()).isEqualTo("alice");
        assertThat(basic("alice:console-secret")).as("the console's user is not the application's").isEqualTo(401);
        assertThat(basic("app-user:app-secret")).isEqualTo(200);
    }

    private int basic(String credentials) throws Exception {
        String encoded = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/hello")).header("Authorization", "Basic " + encoded).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}

package dev.backtrack.console;

import dev.backtrack.test.junit.EmbeddedRocketMqExtension;
import java.util.function.Supplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;

/** An application with nothing but the console (and Spring Boot's auto-configuration), for the console's tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ConsoleOnlyApp {

    /**
     * Turns the console on against {@code mq}'s cluster, journaling to the topic {@code journal} gives, with user 0
     * ({@code name}, {@code password} as stored, e.g. {@code {noop}secret}) an administrator.
     */
    public static void console(DynamicPropertyRegistry registry, EmbeddedRocketMqExtension mq,
            Supplier<Object> journal, String name, String password) {
        registry.add("backtrack.console.enabled", () -> "true");
        registry.add("backtrack.console.name-server", mq::nameServerAddress);
        registry.add("backtrack.journal.topic", journal);
        registry.add("backtrack.console.users[0].name", () -> name);
        registry.add("backtrack.console.users[0].password", () -> password);
        registry.add("backtrack.console.users[0].roles", () -> "BACKTRACK_ADMIN");
    }
}

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

    /** The administrator of {@link #consoleWithOperatorAndViewer}: user 0, role BACKTRACK_ADMIN. */
    public static final String ADMIN = "operator";
    /** {@link #ADMIN}'s password. */
    public static final String ADMIN_PASSWORD = "op-secret";
    /** The viewer of {@link #consoleWithOperatorAndViewer}: user 1, role BACKTRACK_VIEWER. */
    public static final String VIEWER = "viewer";
    /** {@link #VIEWER}'s password. */
    public static final String VIEWER_PASSWORD = "view-secret";

    /**
     * Turns the console on against {@code mq}'s cluster, journaling to the topic {@code journal} gives, with the
     * administrator {@link #ADMIN} and the viewer {@link #VIEWER}, both passwords stored as {@code {noop}}.
     */
    public static void consoleWithOperatorAndViewer(DynamicPropertyRegistry registry, EmbeddedRocketMqExtension mq,
            Supplier<Object> journal) {
        console(registry, mq, journal, ADMIN, "{noop}" + ADMIN_PASSWORD);
        viewer(registry, VIEWER, () -> "{noop}" + VIEWER_PASSWORD);
    }

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

    /** Adds user 1, {@code name} with {@code password} as stored, who may only look (role BACKTRACK_VIEWER). */
    public static void viewer(DynamicPropertyRegistry registry, String name, Supplier<Object> password) {
        registry.add("backtrack.console.users[1].name", () -> name);
        registry.add("backtrack.console.users[1].password", password);
        registry.add("backtrack.console.users[1].roles", () -> "BACKTRACK_VIEWER");
    }
}

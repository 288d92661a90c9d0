package dev.backtrack.console.security;

import dev.backtrack.console.BacktrackConsoleProperties;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The console's users from {@code backtrack.console.users}, kept apart from the application's own users. Passwords
 * are read as Spring Security's delegating encoder reads them ({@code {bcrypt}...}, {@code {noop}...}); one without a
 * prefix is plain text. Like Spring Boot's default user, a missing password is generated and logged at WARN.
 */
public final class ConsoleUsers {

    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);
    private static final Set<String> ROLES = Set.of(ConsoleRoles.VIEWER, ConsoleRoles.ADMIN);

    private ConsoleUsers() {
    }

    /** The user store for the configured users; fails naming a user without a name or with an unknown role. */
    public static InMemoryUserDetailsManager of(List<BacktrackConsoleProperties.User> configured) {
        List<BacktrackConsoleProperties.User> users = new ArrayList<>(configured);
        if (users.isEmpty()) {
            BacktrackConsoleProperties.User admin = new BacktrackConsoleProperties.User();
            admin.setName("admin");
            admin.setRoles(List.of(ConsoleRoles.ADMIN));
            users.add(admin);
            log.warn("Backtrack console: no user is configured (backtrack.console.users), so user 'admin' with role "
                    + "{} was created", ConsoleRoles.ADMIN);
        }
        InMemoryUserDetailsManager store = new InMemoryUserDetailsManager();
        for (int i = 0; i < users.size(); i++) {
            store.createUser(user(users.get(i), "backtrack.console.users[" + i + "]"));
        }
        return store;
    }

    private static UserDetails user(BacktrackConsoleProperties.User user, String property) {
        String name = user.getName() == null ? "" : user.getName().strip();
        if (name.isEmpty()) {
            throw new IllegalStateException(property + ".name is empty; accepted: a login name");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : user.getRoles()) {
            String plain = role.strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^ROLE_", "");
            if (!ROLES.contains(plain)) {
                throw new IllegalStateException(property + ".roles has '" + abbreviate(role) + "'; accepted: "
                        + ConsoleRoles.VIEWER + ", " + ConsoleRoles.ADMIN);
            }
            roles.add(plain);
        }
        if (roles.contains(ConsoleRoles.ADMIN)) {
            roles.add(ConsoleRoles.VIEWER); // an admin may look too
        }
        String password = user.getPassword() == null ? "" : user.getPassword();
        if (password.isBlank()) {
            String generated = generatedPassword();
            log.warn("Backtrack console: user '{}' has no password ({}.password), so one was generated: {}\n"
                    + "This generated password is for trying the console out; set one for real use.", name,
                    property, generated);
            password = generated;
        }
        return User.withUsername(name).password(password.startsWith("{") ? password : "{noop}" + password)
                .roles(roles.toArray(String[]::new)).build();
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String abbreviate(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100) + "...";
    }
}

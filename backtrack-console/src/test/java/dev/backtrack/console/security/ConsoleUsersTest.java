package dev.backtrack.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.console.BacktrackConsoleProperties;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** The console's users: password forms, roles, and the generated password when none is configured. */
@ExtendWith(OutputCaptureExtension.class)
class ConsoleUsersTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void withoutUsersAnAdminWithAGeneratedPasswordLoggedAtWarnIsCreated(CapturedOutput output) {
        InMemoryUserDetailsManager users = ConsoleUsers.of(List.of());

        UserDetails admin = users.loadUserByUsername("admin");
        assertThat(roles(admin)).containsExactlyInAnyOrder("ROLE_BACKTRACK_ADMIN", "ROLE_BACKTRACK_VIEWER");
        Matcher logged = Pattern.compile("WARN.*user 'admin' has no password .* so one was generated: (\\S+)")
                .matcher(output.getAll());
        assertThat(logged.find()).as(output.getAll()).isTrue();
        assertThat(encoder.matches(logged.group(1), admin.getPassword())).isTrue();
    }

    @Test
    void passwordsAreReadInEveryFormAndAnAdminMayAlsoLook() {
        String bcrypt = encoder.encode("b-secret");
        InMemoryUserDetailsManager users = ConsoleUsers.of(List.of(user("plain", "p-secret", "BACKTRACK_ADMIN"),
                user("noop", "{noop}n-secret", "BACKTRACK_VIEWER"), user("hashed", bcrypt, "backtrack_viewer")));

        assertThat(encoder.matches("p-secret", users.loadUserByUsername("plain").getPassword())).isTrue();
        assertThat(encoder.matches("n-secret", users.loadUserByUsername("noop").getPassword())).isTrue();
        assertThat(encoder.matches("b-secret", users.loadUserByUsername("hashed").getPassword())).isTrue();
        assertThat(roles(users.loadUserByUsername("plain"))).contains("ROLE_BACKTRACK_VIEWER");
        assertThat(roles(users.loadUserByUsername("noop"))).containsExactly("ROLE_BACKTRACK_VIEWER");
    }

    @Test
    void anUnknownRoleOrAMissingNameStopsStartUpSayingWhatIsAccepted() {
        assertThatThrownBy(() -> ConsoleUsers.of(List.of(user("x", "y", "ADMIN"))))
                .hasMessage("backtrack.console.users[0].roles has 'ADMIN'; accepted: BACKTRACK_VIEWER, "
                        + "BACKTRACK_ADMIN");
        assertThatThrownBy(() -> ConsoleUsers.of(List.of(user(" ", "y", "BACKTRACK_ADMIN"))))
                .hasMessage("backtrack.console.users[0].name is empty; accepted: a login name");
    }

    private static List<String> roles(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }

    private static BacktrackConsoleProperties.User user(String name, String password, String role) {
        BacktrackConsoleProperties.User user = new BacktrackConsoleProperties.User();
        user.setName(name);
        user.setPassword(password);
        user.setRoles(List.of(role));
        return user;
    }
}

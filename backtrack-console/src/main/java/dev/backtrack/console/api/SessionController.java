package dev.backtrack.console.api;

import dev.backtrack.console.security.ConsoleRoles;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in ({@code GET /api/me}). */
@RestController
public class SessionController {

    /** The user, roles and whether it may rewind. */
    public record Me(String user, List<String> roles, boolean canRewind) {
    }

    /** The logged-in user. */
    @GetMapping(Api.BASE + "/me")
    public Me me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        return new Me(authentication.getName(), roles, roles.contains(ConsoleRoles.ADMIN));
    }
}

package dev.backtrack.console.api;

import dev.backtrack.console.security.ConsoleRoles;
import java.time.ZoneId;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is logged in ({@code GET /api/me}). */
@RestController
public class SessionController {

    private final ZoneId inputZone;

    /** Tells the page that times typed without an offset are read in {@code inputZone}. */
    public SessionController(ZoneId inputZone) {
        this.inputZone = inputZone;
    }

    /**
     * The user, roles and whether it may rewind; the zone times typed without an offset are read in
     * ({@code backtrack.zone}). The page shows every time in UTC.
     */
    public record Me(String user, List<String> roles, boolean canRewind, String inputZone) {
    }

    /** The logged-in user. */
    @GetMapping(Api.BASE + "/me")
    public Me me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        return new Me(authentication.getName(), roles, roles.contains(ConsoleRoles.ADMIN), inputZone.getId());
    }
}

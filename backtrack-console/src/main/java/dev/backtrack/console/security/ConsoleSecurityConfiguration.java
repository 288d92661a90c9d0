package dev.backtrack.console.security;

import dev.backtrack.console.BacktrackConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The console's own security filter chain, for {@code /backtrack-console/**} only (and the chart library it loads):
 * form login against the console's users, roles {@value ConsoleRoles#VIEWER} and {@value ConsoleRoles#ADMIN}, CSRF
 * tokens in the {@code XSRF-TOKEN} cookie. It comes before the application's chains and touches no other path, and
 * its users are no bean, so the application's own security stays as it is.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    /** Base path of the console. */
    public static final String BASE = "/backtrack-console";
    /** The chart library the UI loads (uPlot's WebJar). */
    static final String CHART_LIBRARY = "/webjars/uplot/**";

    /** The console's chain; ordered early, so that an application's catch-all chain does not take its paths. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 50)
    public SecurityFilterChain backtrackConsoleSecurity(HttpSecurity http, BacktrackConsoleProperties properties)
            throws Exception {
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher(BASE + "/api/**");
        http.securityMatcher(BASE, BASE + "/**", CHART_LIBRARY)
                .authenticationManager(authenticationManager(properties))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(CHART_LIBRARY, BASE + "/login").permitAll()
                        .requestMatchers(HttpMethod.POST, BASE + "/api/rewind", BASE + "/api/undo/**",
                                BASE + "/api/replay", BASE + "/api/redrive", BASE + "/api/runs/**",
                                BASE + "/api/batch/rewind", BASE + "/api/batch/undo/**", BASE + "/api/snapshots",
                                BASE + "/api/snapshots/*/restore", BASE + "/api/snapshots/export",
                                BASE + "/api/snapshots/import")
                        .hasRole(ConsoleRoles.ADMIN)
                        .anyRequest().hasRole(ConsoleRoles.VIEWER))
                .formLogin(form -> form.loginPage(BASE + "/login").defaultSuccessUrl(BASE + "/", true)
                        .failureUrl(BASE + "/login?error").permitAll())
                .logout(logout -> logout.logoutUrl(BASE + "/logout").logoutSuccessUrl(BASE + "/login?logout"))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler()))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor((request, response, e) -> JsonErrors.write(response, 401,
                                "Authentication required: log in at " + request.getContextPath() + BASE + "/login"),
                                api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(BASE + "/login"),
                                request -> true)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> JsonErrors.write(response, 403,
                                e instanceof CsrfException
                                        ? "Missing or wrong CSRF token: send the XSRF-TOKEN cookie's value in the "
                                                + "X-XSRF-TOKEN header"
                                        : "User '" + request.getRemoteUser() + "' may not do this: it needs role "
                                                + ConsoleRoles.ADMIN), api));
        return http.build();
    }

    private static AuthenticationManager authenticationManager(BacktrackConsoleProperties properties) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(ConsoleUsers.of(properties.getUsers()));
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return new ProviderManager(provider);
    }
}

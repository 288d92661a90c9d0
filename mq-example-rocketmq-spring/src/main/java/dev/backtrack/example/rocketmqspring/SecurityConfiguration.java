package dev.backtrack.example.rocketmqspring;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Actuator endpoints (among them {@code backtrack}, which moves consumer groups) need HTTP Basic authentication; the
 * seed's {@code /produce} stays open as in the tutorial. Credentials: {@code BACKTRACK_ADMIN_USER} /
 * {@code BACKTRACK_ADMIN_PASSWORD}; without a password, Spring Boot generates one and logs it at start-up.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Authentication for every actuator endpoint but health; the backtrack endpoint checks its role itself. */
    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // a stateless basic-auth API: no browser session to forge requests with
        return http.build();
    }

    /** The seed's producer endpoint stays open, as in the tutorial. */
    @Bean
    @Order(2)
    SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).csrf(csrf -> csrf.disable());
        return http.build();
    }
}

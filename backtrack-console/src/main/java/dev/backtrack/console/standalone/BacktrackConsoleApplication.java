package dev.backtrack.console.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console on its own ({@code bin/backtrack console -n NAMESRV [--port 8090]}): no application, no consumers,
 * just the console against the cluster. Spring Boot's generated default user is left out: the console has its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
public class BacktrackConsoleApplication {

    /** Starts the console; a bad command line prints what is accepted and exits with 2. */
    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(StandaloneArguments.USAGE);
            return;
        }
        try {
            start(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts the console with the given command line and returns its running context. */
    public static ConfigurableApplicationContext start(String[] args) {
        StandaloneArguments arguments = StandaloneArguments.parse(args, System.getenv("NAMESRV_ADDR"));
        SpringApplication application = new SpringApplication(BacktrackConsoleApplication.class);
        application.setDefaultProperties(arguments.defaults());
        return application.run(arguments.springArguments().toArray(String[]::new));
    }

    /** Every path outside the console is closed, except the root, which leads to the console, and the error page. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain backtrackStandaloneSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/", "/error").permitAll()
                .anyRequest().denyAll());
        return http.build();
    }

    /** Sends the root to the console (a member of this configuration, so registered with it). */
    @Controller
    static class RootController {

        @GetMapping("/")
        String root() {
            return "redirect:/backtrack-console/";
        }
    }
}

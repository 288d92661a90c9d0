package dev.backtrack.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one {@link BacktrackInstanceName} bean that positioning and the control channel share. */
@Configuration(proxyBeanMethods = false)
public class BacktrackInstanceConfiguration {

    /** This instance's name, unless the application defines its own. */
    @Bean
    @ConditionalOnMissingBean
    public BacktrackInstanceName backtrackInstanceName(Environment environment) {
        return BacktrackInstanceName.of(environment);
    }
}

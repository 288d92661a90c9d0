package dev.backtrack.autoconfigure.embedded;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/** The topics named by {@code spring.cloud.stream.bindings.*.destination}, so the embedded broker can create them. */
final class BindingDestinations {

    private static final Bindable<Map<String, Map<String, Object>>> BINDINGS = Bindable.of(
            ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
                    ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class)));

    private BindingDestinations() {
    }

    static Set<String> of(Environment environment) {
        Map<String, Map<String, Object>> bindings = Binder.get(environment)
                .bind("spring.cloud.stream.bindings", BINDINGS).orElse(Map.of());
        Set<String> topics = new TreeSet<>();
        bindings.values().forEach(binding -> {
            Object destination = binding.get("destination");
            if (destination != null) {
                Arrays.stream(destination.toString().split(",")).map(String::trim)
                        .filter(t -> !t.isEmpty()).forEach(topics::add);
            }
        });
        return topics;
    }
}

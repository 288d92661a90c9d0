package dev.backtrack.core.replay;

import dev.backtrack.core.InvalidRewindInputException;
import dev.backtrack.core.text.BadValues;
import java.util.Map;
import org.apache.rocketmq.common.filter.ExpressionType;
import org.apache.rocketmq.filter.FilterFactory;
import org.apache.rocketmq.filter.expression.EvaluationContext;
import org.apache.rocketmq.filter.expression.Expression;
import org.apache.rocketmq.filter.expression.MQFilterException;

/**
 * A SQL92 expression over a message's properties (its tags as {@code TAGS}), in RocketMQ's own grammar and semantics,
 * so that it selects what a broker's SQL92 subscription with the same text would.
 */
public final class Sql92Filter {

    private static final String ACCEPTED = "accepted: RocketMQ's SQL92 over the message's user properties and TAGS, "
            + "e.g. \"TAGS = 'paid' AND region IN ('eu', 'us')\"";

    private final String text;
    private final Expression expression;

    private Sql92Filter(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /** Compiles {@code text}; fails with what is wrong and what is accepted. */
    public static Sql92Filter of(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRewindInputException("The SQL92 filter is empty; " + ACCEPTED);
        }
        try {
            return new Sql92Filter(text.strip(), FilterFactory.INSTANCE.get(ExpressionType.SQL92)
                    .compile(text.strip()));
        } catch (MQFilterException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("").strip();
            throw new InvalidRewindInputException("SQL92 filter " + BadValues.quote(text) + " is not accepted ("
                    + reason + "); " + ACCEPTED);
        }
    }

    /**
     * Whether a message with these properties matches; a property the expression names and the message lacks is
     * null.
     */
    public boolean matches(Map<String, String> properties) {
        try {
            return Boolean.TRUE.equals(expression.evaluate(new Properties(properties)));
        } catch (Exception e) {
            return false; // as the broker: an expression that cannot be evaluated for a message does not select it
        }
    }

    /** The expression as given. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private record Properties(Map<String, String> values) implements EvaluationContext {

        @Override
        public Object get(String name) {
            return values.get(name);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> keyValues() {
            return (Map<String, Object>) (Map<String, ?>) values;
        }
    }
}

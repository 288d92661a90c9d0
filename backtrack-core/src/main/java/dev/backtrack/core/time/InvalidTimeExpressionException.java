package dev.backtrack.core.time;

import dev.backtrack.core.text.BadValues;

/**
 * A time expression that does not parse or names an impossible instant; the message quotes at most
 * {@value BadValues#MAX_SHOWN} characters of it and lists the accepted forms.
 */
public class InvalidTimeExpressionException extends IllegalArgumentException {

    private final String expression;

    /** Creates the error for {@code expression}, explaining {@code problem}. */
    public InvalidTimeExpressionException(String expression, String problem) {
        super("Time " + BadValues.quote(expression) + " " + problem + ". Accepted forms: "
                + TimeExpressionParser.ACCEPTED_FORMS);
        this.expression = expression;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }
}

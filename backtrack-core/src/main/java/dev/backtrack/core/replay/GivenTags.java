package dev.backtrack.core.replay;

import org.jspecify.annotations.Nullable;

/**
 * The tag expression a user gave for a window replay, or none (the group's subscription online is then used), and how
 * the front end names the input it came in, so that a refusal says what to give in the user's own terms.
 *
 * @param expression the expression as given, or null when none was
 * @param input the input's name: {@link #OPTION} on the command line, {@link #FIELD} in a JSON request
 */
public record GivenTags(@Nullable String expression, String input) {

    /** The command line's option. */
    public static final String OPTION = "--tags";
    /** The JSON requests' field (the endpoint's and the console's). */
    public static final String FIELD = "the field 'tags'";

    /** Tags given with the command line's option. */
    public static GivenTags option(@Nullable String expression) {
        return new GivenTags(expression, OPTION);
    }

    /** Tags given in a JSON request's field; blank counts as none. */
    public static GivenTags field(@Nullable String expression) {
        return new GivenTags(expression == null || expression.isBlank() ? null : expression.strip(), FIELD);
    }
}

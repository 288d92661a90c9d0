package dev.backtrack.core.text;

/** Quotes a rejected value for an error message: about {@value #MAX_SHOWN} characters, control characters escaped. */
public final class BadValues {

    /** How many characters of a bad value an error message shows. */
    public static final int MAX_SHOWN = 100;

    private BadValues() {
    }

    /**
     * The value in single quotes, e.g. {@code 'abc'}; a longer value is cut after about {@value #MAX_SHOWN} shown
     * characters and followed by its length ({@code 'abc...' (1048576 characters)}); control, format and lone
     * surrogate characters are shown as Java escapes (backslash, u, four hex digits).
     */
    public static String quote(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder quoted = new StringBuilder(MAX_SHOWN + 40).append('\'');
        int i = 0;
        while (i < value.length() && quoted.length() <= MAX_SHOWN) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                quoted.append(c).append(value.charAt(i + 1));
                i += 2;
                continue;
            }
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
            i++;
        }
        if (i < value.length()) {
            return quoted.append("...' (").append(value.length()).append(" characters)").toString();
        }
        return quoted.append('\'').toString();
    }
}

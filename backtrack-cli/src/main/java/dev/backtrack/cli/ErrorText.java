package dev.backtrack.cli;

import dev.backtrack.core.text.BadValues;

/** Makes an error message safe to print: long quoted values shortened, control characters escaped, length bounded. */
final class ErrorText {

    /** Longest message printed; a longer one (after shortening its quoted values) is cut. */
    static final int MAX_LENGTH = 1000;

    private ErrorText() {
    }

    /** The message with every single-quoted value longer than ~100 characters shortened as {@link BadValues} does. */
    static String of(String message) {
        if (message == null) {
            return "no detail";
        }
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < message.length()) {
            int open = message.indexOf('\'', at);
            int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
            if (close < 0) {
                text.append(escaped(message.substring(at)));
                break;
            }
            text.append(escaped(message.substring(at, open)));
            String value = message.substring(open + 1, close);
            text.append(value.length() > BadValues.MAX_SHOWN ? BadValues.quote(value) : "'" + escaped(value) + "'");
            at = close + 1;
        }
        return text.length() <= MAX_LENGTH ? text.toString() : text.substring(0, MAX_LENGTH) + "...";
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder(Math.min(text.length(), MAX_LENGTH * 2));
        for (int i = 0; i < text.length() && escaped.length() <= MAX_LENGTH * 2; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n') {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

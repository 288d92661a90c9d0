package dev.backtrack.core.peek;

/** How a peeked message body is written out. */
public enum BodyEncoding {
    /** The body is valid UTF-8 without control characters other than tab, line feed and carriage return. */
    TEXT,
    /** Anything else: lowercase hexadecimal, two digits a byte. */
    HEX
}

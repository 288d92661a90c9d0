package dev.backtrack.core.journal;

import java.security.SecureRandom;

/** Ids of journal entries: short, URL-safe and unique. */
public final class JournalIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JournalIds() {
    }

    /** A fresh random id: 12 characters of lowercase letters and digits (60 bits). */
    public static String newId() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /**
     * The id of an entry written without one, derived from where it is stored: {@code m-BROKER-QUEUE-OFFSET}, with
     * characters that are not URL-safe in the broker name replaced by {@code _}.
     */
    public static String located(String broker, int queueId, long offset) {
        return "m-" + broker.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + queueId + "-" + offset;
    }
}

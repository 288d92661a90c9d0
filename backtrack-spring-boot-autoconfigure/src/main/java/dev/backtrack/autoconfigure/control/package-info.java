/**
 * Listening for rewind orders and finding this application's consumers.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure.control;

import org.jspecify.annotations.NullMarked;

/**
 * Text helpers for error messages.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.text;

import org.jspecify.annotations.NullMarked;

/**
 * Time expressions: the forms accepted and their parsing.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.core.time;

import org.jspecify.annotations.NullMarked;

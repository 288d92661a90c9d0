/**
 * Test fixtures published for every module's tests: a recording consumer that waits for message ids or bodies.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.test;

import org.jspecify.annotations.NullMarked;

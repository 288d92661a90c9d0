/**
 * The JUnit 5 extension that starts an embedded RocketMQ for tests.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.test.junit;

import org.jspecify.annotations.NullMarked;

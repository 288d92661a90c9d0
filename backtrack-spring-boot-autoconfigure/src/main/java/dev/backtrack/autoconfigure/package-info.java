/**
 * Spring Boot auto-configuration of Backtrack: settings and beans shared by its parts.
 *
 * <p>Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.backtrack.autoconfigure;

import org.jspecify.annotations.NullMarked;

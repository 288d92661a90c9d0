/** The console's JSON API under /backtrack-console/api: thin controllers over Backtrack's core. */
@NullMarked
package dev.backtrack.console.api;

import org.jspecify.annotations.NullMarked;

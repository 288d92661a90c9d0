/** The console's pages: the login form and the entry to the single-page UI. */
@NullMarked
package dev.backtrack.console.web;

import org.jspecify.annotations.NullMarked;

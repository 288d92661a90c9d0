/** Browser tests of the console's UI: Selenium with a headless Chromium against a console on an embedded broker. */
@NullMarked
package dev.backtrack.console.browser;

import org.jspecify.annotations.NullMarked;

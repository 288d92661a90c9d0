package dev.backtrack.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the single-page UI at {@code /backtrack-console/} (and sends {@code /backtrack-console} there). */
@Controller
public class ConsolePageController {

    /** The UI's page. */
    @GetMapping("/backtrack-console/")
    public String index() {
        return "forward:/backtrack-console/index.html";
    }

    /** The console's address without its final slash. */
    @GetMapping("/backtrack-console")
    public String withoutSlash() {
        return "redirect:/backtrack-console/";
    }
}

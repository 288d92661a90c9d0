package dev.backtrack.console.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The console's login form ({@code GET /backtrack-console/login}); Spring Security handles the POST. */
@RestController
public class LoginPageController {

    /** The form, with the CSRF token and a line saying why it is shown again (bad credentials, logged out). */
    @GetMapping(path = "/backtrack-console/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public String login(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String action = HtmlUtils.htmlEscape(request.getContextPath() + "/backtrack-console/login");
        String message = request.getParameter("error") != null ? "<p class=\"error\" data-test=\"login-error\">Wrong "
                + "user name or password.</p>"
                : request.getParameter("logout") != null ? "<p data-test=\"logged-out\">Logged out.</p>" : "";
        String token = csrf == null ? "" : "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(
                csrf.getParameterName()) + "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">";
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Backtrack console: log in</title>
                <style>body{font-family:sans-serif;max-width:22em;margin:4em auto}label,input,button{display:block;\
                width:100%%;margin:.3em 0}.error{color:#b00}</style></head>
                <body><h1>Backtrack console</h1>%s
                <form method="post" action="%s" id="login-form">
                <label for="username">User</label><input id="username" name="username" autocomplete="username" autofocus>
                <label for="password">Password</label><input id="password" name="password" type="password"
                 autocomplete="current-password">%s
                <button type="submit" id="login-submit">Log in</button></form></body></html>
                """.formatted(message, action, token);
    }
}

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
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>html{background:#f3f5f8}body{margin:0;color:#1d2433;font:14px/1.45 system-ui,sans-serif}\
                header{background:#17202f;color:#fff;font-size:17px;font-weight:650;padding:14px 24px}\
                main{max-width:22em;margin:4em auto;background:#fff;border:1px solid #dde2ea;border-radius:6px;\
                padding:20px 24px}h1{font-size:20px;margin:0 0 12px}label,input,button{display:block;width:100%%;\
                box-sizing:border-box;margin:.3em 0}label{color:#5f6b7c;margin-top:.8em}input{font:inherit;\
                padding:6px 8px;border:1px solid #c9d0db;border-radius:4px}button{font:inherit;margin-top:1.2em;\
                padding:7px;border:0;border-radius:4px;background:#2a5ac8;color:#fff;cursor:pointer}\
                .error{color:#8a1419;background:#fdecec;padding:8px 12px;border-radius:4px}</style></head>
                <body><header>Backtrack console</header><main><h1>Log in</h1>%s
                <form method="post" action="%s" id="login-form">
                <label for="username">User</label><input id="username" name="username" autocomplete="username"
                 autofocus>
                <label for="password">Password</label><input id="password" name="password" type="password"
                 autocomplete="current-password">%s
                <button type="submit" id="login-submit">Log in</button></form></main></body></html>
                """.formatted(message, action, token);
    }
}

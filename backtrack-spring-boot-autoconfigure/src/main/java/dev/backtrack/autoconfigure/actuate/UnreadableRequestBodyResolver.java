package dev.backtrack.autoconfigure.actuate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.core.text.BadValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request to the {@code backtrack} endpoint whose body cannot be read (not JSON, not an object, a field
 * that is a list or an object) with 400 and a message saying what is wrong and what is accepted, instead of the
 * error page's bare "Bad Request".
 */
class UnreadableRequestBodyResolver implements HandlerExceptionResolver, Ordered {

    /** An example of every accepted body, for error messages. */
    static final String ACCEPTED_BODY = "a JSON object such as {\"binding\":\"input-backtracking\",\"to\":\"-1h\","
            + "\"dryRun\":true} or {\"group\":\"my-group\",\"topic\":\"my-topic\",\"to\":\"-1h\"} (instead of \"to\": "
            + "\"toOffset\":\"5\", \"shiftBy\":\"-100\" or \"toGroupOf\":\"other-group\"; \"queues\":\"broker-a/0,broker-a/1\" "
            + "limits it to those queues); every field is a string, dryRun is true or false";
    private static final int MAX_DETAIL = 200;

    private final Supplier<@Nullable String> endpointPath;
    private final ObjectMapper json = new ObjectMapper();

    /** Handles requests whose path within the dispatcher servlet is {@code endpointPath} or below it. */
    UnreadableRequestBodyResolver(Supplier<@Nullable String> endpointPath) {
        this.endpointPath = endpointPath;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler,
            Exception ex) {
        if (!(ex instanceof HttpMessageNotReadableException unreadable) || !isEndpoint(request)) {
            return null;
        }
        try {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(), Map.of("error", message(unreadable)));
            return new ModelAndView();
        } catch (IOException e) {
            return null;
        }
    }

    private boolean isEndpoint(HttpServletRequest request) {
        String path = endpointPath.get();
        if (path == null) {
            return false;
        }
        String within = request.getPathInfo() != null ? request.getPathInfo() : request.getServletPath();
        return within.equals(path) || within.startsWith(path + "/");
    }

    static String message(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException mapping) {
            if (mapping.getPath().isEmpty()) {
                return "The request body is not a JSON object; accepted: " + ACCEPTED_BODY;
            }
            String field = String.valueOf(mapping.getPath().get(0).getFieldName());
            return "Field " + BadValues.quote(field) + " is a list or an object; accepted: " + ACCEPTED_BODY;
        }
        String detail = cause instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : cause == null ? ex.getMessage() : cause.getMessage();
        return "The request body is not valid JSON (" + shorten(detail) + "); accepted: " + ACCEPTED_BODY;
    }

    private static String shorten(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        String line = (newline < 0 ? text : text.substring(0, newline)).strip().replaceAll("\\p{Cntrl}", "?");
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

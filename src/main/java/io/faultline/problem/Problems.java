package io.faultline.problem;

import io.faultline.correlation.CorrelationIds;
import io.faultline.correlation.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns failures into problem responses, for JAX-RS and for the servlet layer alike, so every
 * path answers with the same body and headers. A 5xx is logged here with its cause; the client
 * sees only the generic detail and the correlation id that finds the log record.
 */
@ApplicationScoped
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class.getName());

    @Inject
    ProblemConfig config;

    /** The response for any throwable that reached an exception mapper. */
    public Response response(Throwable failure) {
        Classified classified = ProblemClassifier.classify(failure);
        logIfServerError(classified, failure);
        return response(classified);
    }

    public Response response(Classified classified) {
        Problem problem = problem(classified);
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.toJson().toString());
        headers(classified).forEach(response::header);
        return response.build();
    }

    /** Writes the problem straight to a servlet response that is not yet committed. */
    public void write(HttpServletResponse response, Classified classified, Throwable cause) throws IOException {
        logIfServerError(classified, cause);
        Problem problem = problem(classified);
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(CorrelationIds.HEADER, problem.correlationId());
        headers(classified).forEach(response::setHeader);
        byte[] body = problem.toJson().toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The answer to a bare status from the servlet layer; a 401 says whether credentials were sent. */
    public static Classified forStatus(int status, HttpServletRequest request) {
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.UNAUTHENTICATED && (request.getHeader("Authorization") != null
                || request.getHeader("X-Faultline-Key") != null)) {
            code = ErrorCode.AUTHENTICATION_FAILED;
        }
        return Classified.of(code, code.description());
    }

    public Problem problem(Classified classified) {
        RequestContext context = RequestContext.current();
        String correlationId = context == null ? CorrelationIds.newId() : context.correlationId();
        String instance = context == null ? "/" : context.path();
        if (context != null) {
            context.errorCode(classified.code().name());
        }
        return new Problem(config.typeOf(classified.code()), classified.code(), classified.detail(), instance,
                correlationId, Instant.now(), details(classified), classified.violations());
    }

    private Map<String, ?> details(Classified classified) {
        Long wait = retryAfter(classified);
        if (wait == null || classified.code() != ErrorCode.RATE_LIMITED) {
            return classified.details();
        }
        Map<String, Object> details = new LinkedHashMap<>(classified.details());
        details.putIfAbsent("retryAfterSeconds", wait);
        return details;
    }

    private Map<String, String> headers(Classified classified) {
        Map<String, String> headers = new LinkedHashMap<>(classified.headers());
        Long wait = retryAfter(classified);
        if (wait != null) {
            headers.put("Retry-After", Long.toString(wait));
        }
        return headers;
    }

    private Long retryAfter(Classified classified) {
        if (classified.retryAfterSeconds() != null) {
            return classified.retryAfterSeconds();
        }
        return switch (classified.code()) {
            case SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, RATE_LIMITED -> config.retryAfterSeconds();
            default -> null;
        };
    }

    /** The unexpected gets its stack trace; an expected verdict (503, 504) only its kind. */
    private static void logIfServerError(Classified classified, Throwable cause) {
        if (classified.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.log(Level.SEVERE, "Request failed with " + classified.code(), cause);
        } else if (classified.code().status() >= 500) {
            LOG.warning(() -> "Request failed with " + classified.code()
                    + (cause == null ? "" : " (" + cause.getClass().getName() + ")"));
        } else if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "Request answered " + classified.code(), cause);
        }
    }
}

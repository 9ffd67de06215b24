package io.faultline.problem;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.EntityExistsException;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.transaction.SystemException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;
import java.util.regex.Pattern;
import javax.transaction.xa.XAException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Decides what a throwable means to the client. It walks the cause chain, because each server
 * wraps differently (Payara delivers a malformed body as a ProcessingException around a
 * JsonbException, Liberty as the bare JsonbException; transactions, EclipseLink and the
 * connection pool wrap SQL errors), and takes the first link that decides. Nothing of the
 * throwable's own text reaches the client: details are built here from what is known.
 */
public final class ProblemClassifier {

    static final String GENERIC_DETAIL =
            "An unexpected error occurred. Quote the correlation id to find the full record in the logs.";
    private static final Pattern JSON_PROPERTY = Pattern.compile("property '([A-Za-z_$][A-Za-z0-9_$]{0,63})'");

    private ProblemClassifier() {
    }

    public static Classified classify(Throwable failure) {
        List<Throwable> chain = causes(failure);
        // Our own problems decide wherever they are, e.g. a body limit hit deep inside a reader.
        for (Throwable link : chain) {
            if (link instanceof ProblemException problem) {
                return Classified.of(problem);
            }
        }
        for (Throwable link : chain) {
            Optional<Classified> decided = decide(link, chain);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        // Nothing more precise: the container could not get, use or commit on a connection
        // (Payara says so without an SQLState, or as a failed commit of the transaction). The
        // Connectors exception by name: its API is not visible to applications on every runtime.
        if (chain.stream().anyMatch(link -> link instanceof XAException || link instanceof SystemException
                || isA(link, "jakarta.resource.ResourceException"))) {
            return Classified.of(ErrorCode.DATABASE_UNAVAILABLE, "The database cannot be reached; retry later");
        }
        return Classified.of(ErrorCode.INTERNAL_ERROR, GENERIC_DETAIL);
    }

    private static Optional<Classified> decide(Throwable link, List<Throwable> chain) {
        if (link instanceof WebApplicationException web) {
            return Optional.of(webApplication(web, chain));
        }
        if (link instanceof ConstraintViolationException violations) {
            return Optional.of(ConstraintViolations.classify(violations));
        }
        if (link instanceof JsonbException || link instanceof JsonException) {
            return isReadingRequest(chain)
                    ? Optional.of(parseError(link))
                    : Optional.of(Classified.of(ErrorCode.INTERNAL_ERROR, GENERIC_DETAIL));
        }
        if (link instanceof OptimisticLockException) {
            return Optional.of(Classified.of(ErrorCode.CONFLICT,
                    "The resource was changed by another request; read it again and retry"));
        }
        if (link instanceof EntityExistsException) {
            return Optional.of(alreadyExists());
        }
        if (link instanceof QueryTimeoutException || link instanceof LockTimeoutException
                || link instanceof SQLTimeoutException) {
            return Optional.of(Classified.of(ErrorCode.TIMEOUT, "The database did not answer within its time budget"));
        }
        if (link instanceof SQLException sql) {
            Optional<Classified> byState = sqlState(sql);
            if (byState.isPresent()) {
                return byState;
            }
        }
        if (link instanceof TimeoutException) {
            return Optional.of(Classified.of(ErrorCode.TIMEOUT, "The operation exceeded its time budget"));
        }
        if (link instanceof CircuitBreakerOpenException) {
            return Optional.of(Classified.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "A dependency is failing and its circuit breaker is open; retry later"));
        }
        if (link instanceof BulkheadException) {
            return Optional.of(Classified.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "Too many concurrent requests for this operation; retry shortly").withRetryAfter(1L));
        }
        return Optional.empty();
    }

    private static boolean isA(Throwable link, String className) {
        for (Class<?> type = link.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Classified> sqlState(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        // 08: connection exceptions; 57P01-57P03: the database is shutting down, crashed or starting (PostgreSQL).
        if (sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException
                || state.startsWith("08") || state.startsWith("57P")) {
            return Optional.of(Classified.of(ErrorCode.DATABASE_UNAVAILABLE,
                    "The database cannot be reached; retry later"));
        }
        if ("23505".equals(state)) {
            return Optional.of(alreadyExists());
        }
        if ("23503".equals(state) || "40001".equals(state)) {
            return Optional.of(Classified.of(ErrorCode.CONFLICT,
                    "The change conflicts with the current state of the data"));
        }
        return Optional.empty();
    }

    private static Classified alreadyExists() {
        return Classified.of(ErrorCode.ALREADY_EXISTS, "A resource with the same unique key already exists");
    }

    private static Classified webApplication(WebApplicationException web, List<Throwable> chain) {
        int status = web.getResponse() == null ? 500 : web.getResponse().getStatus();
        if (web instanceof NotAllowedException) {
            Classified answer = Classified.of(ErrorCode.METHOD_NOT_ALLOWED, "The route does not support this method");
            String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
            return allow == null ? answer : answer.withHeader(HttpHeaders.ALLOW, allow);
        }
        if (status == 404 && web.getCause() != null) {
            // JAX-RS answers 404 when a query or path parameter cannot be converted; the cause is
            // the conversion failure (RESTEasy throws NotFoundException, Jersey its own subclass).
            return Classified.of(ErrorCode.INVALID_PARAMETER, "A path or query parameter has an invalid value");
        }
        if (web instanceof NotAcceptableException) {
            return Classified.of(ErrorCode.NOT_ACCEPTABLE,
                    "No representation matches the Accept header; this route produces application/json");
        }
        if (web instanceof NotSupportedException) {
            return Classified.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type of the request is not accepted by this route");
        }
        if (status == 400) {
            boolean json = chain.stream().anyMatch(t -> t instanceof JsonbException || t instanceof JsonException);
            return json ? parseError(chain.stream().filter(t -> t instanceof JsonbException).findFirst().orElse(web))
                    : Classified.of(ErrorCode.INVALID_PARAMETER, "A parameter of the request is missing or invalid");
        }
        ErrorCode code = ErrorCode.forStatus(status);
        Classified answer = Classified.of(code, code.status() >= 500 ? GENERIC_DETAIL : code.description());
        String challenge = web.getResponse() == null ? null : web.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
        return challenge == null ? answer : answer.withHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    private static Classified parseError(Throwable json) {
        Classified answer = Classified.of(ErrorCode.PARSE_ERROR,
                "The request body is not valid JSON, or a value has the wrong JSON type");
        for (Throwable link : causes(json)) {
            var property = link.getMessage() == null ? null : JSON_PROPERTY.matcher(link.getMessage());
            if (property != null && property.find()) {
                return answer.withViolations(List.of(Problem.Violation.atPointer(
                        "#/" + property.group(1), "has the wrong JSON type or an invalid value")));
            }
        }
        return answer;
    }

    /** A JSON failure while reading the request is the client's; while writing the response, ours. */
    private static boolean isReadingRequest(List<Throwable> chain) {
        for (Throwable link : chain) {
            for (StackTraceElement frame : link.getStackTrace()) {
                String method = frame.getMethodName();
                if (method.equals("fromJson") || method.equals("readFrom")) {
                    return true;
                }
                if (method.equals("toJson") || method.equals("writeTo")) {
                    return false;
                }
            }
        }
        return false;
    }

    static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable link = failure; link != null && seen.add(link) && chain.size() < 32; link = link.getCause()) {
            chain.add(link);
        }
        return chain;
    }
}

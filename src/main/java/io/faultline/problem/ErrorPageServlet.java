package io.faultline.problem;

import io.faultline.correlation.CorrelationIds;
import io.faultline.correlation.RequestCompleted;
import io.faultline.correlation.RequestContext;
import io.faultline.correlation.RequestStarted;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The WAR's error page (web.xml): errors the server raises outside the application, such as a
 * refused authentication, answered as problems rather than the server's own page.
 */
@WebServlet(name = "faultline-error-page", urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    static final String PATH = "/faultline-error";

    @Inject
    Problems problems;

    @Inject
    Event<RequestStarted> started;

    @Inject
    Event<RequestCompleted> completed;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        // Without the attribute the request never reached the filter: the server refused it
        // first (a failed authentication), so the request is started and completed here, once.
        boolean filtered = request.getAttribute(RequestContext.ATTRIBUTE) instanceof RequestContext;
        RequestContext context = filtered ? (RequestContext) request.getAttribute(RequestContext.ATTRIBUTE)
                : new RequestContext(CorrelationIds.resolve(request.getHeader(CorrelationIds.HEADER),
                        request.getHeader(CorrelationIds.REQUEST_ID_HEADER),
                        request.getHeader(CorrelationIds.TRACEPARENT_HEADER)),
                        request.getMethod(), String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)),
                        System.nanoTime());
        try (RequestContext.Scope ignored = context.bind()) {
            if (!filtered) {
                started.fire(new RequestStarted(context));
            }
            Classified classified;
            if (status instanceof Integer code && code >= 400 && code < 500) {
                // The container already decided it is the client's error (a request for a file
                // under WEB-INF is a 404, even if it comes with an exception).
                classified = Problems.forStatus(code, request);
                failure = null;
            } else if (failure != null) {
                classified = ProblemClassifier.classify(failure);
            } else if (status instanceof Integer code && code >= 400) {
                classified = Problems.forStatus(code, request);
            } else {
                classified = Classified.of(ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND.description());
            }
            response.setHeader("X-Response-Time", context.elapsedMillis() + "ms");
            problems.write(response, classified, failure);
            if (!filtered) {
                completed.fire(new RequestCompleted(context, request, response.getStatus(),
                        System.nanoTime() - context.startNanos()));
            }
        }
    }
}

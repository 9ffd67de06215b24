package io.faultline.correlation;

import io.faultline.problem.ProblemClassifier;
import io.faultline.problem.Problems;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outermost step of every request the WAR serves: decides the correlation id, binds it to
 * the thread, puts it on the response, answers anything that escapes the application with a
 * problem, and announces the finished request to the access log and the metrics. Declared in
 * web.xml, where the order of filters is fixed: this one first.
 */
public class CorrelationFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(CorrelationFilter.class.getName());

    @Inject
    Event<RequestStarted> started;

    @Inject
    Event<RequestCompleted> completed;

    @Inject
    Problems problems;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        String id = CorrelationIds.resolve(request.getHeader(CorrelationIds.HEADER),
                request.getHeader(CorrelationIds.REQUEST_ID_HEADER),
                request.getHeader(CorrelationIds.TRACEPARENT_HEADER));
        RequestContext context = new RequestContext(id, request.getMethod(), request.getRequestURI(), start);
        request.setAttribute(RequestContext.ATTRIBUTE, context);
        response.setHeader(CorrelationIds.HEADER, id);
        // Browsers must take the declared Content-Type, never guess one (a JSON body is not HTML).
        response.setHeader("X-Content-Type-Options", "nosniff");
        TimedResponse timed = new TimedResponse(request, response, context, problems);
        try (RequestContext.Scope ignored = context.bind()) {
            started.fire(new RequestStarted(context));
            try {
                chain.doFilter(request, timed);
            } catch (IOException | ServletException | RuntimeException | Error escaped) {
                answer(timed, escaped);
            } finally {
                timed.stamp();
                completed.fire(new RequestCompleted(context, request, response.getStatus(), System.nanoTime() - start));
            }
        }
    }

    private void answer(TimedResponse response, Throwable escaped) throws IOException {
        if (response.isCommitted()) {
            LOG.log(Level.WARNING, "Request failed after its response was committed", escaped);
            return;
        }
        response.stamp();
        problems.write(response, ProblemClassifier.classify(escaped), escaped);
    }
}

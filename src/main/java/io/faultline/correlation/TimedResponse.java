package io.faultline.correlation;

import io.faultline.problem.Problems;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Adds {@code X-Response-Time} just before the response starts (headers cannot follow the
 * body), and answers {@code sendError} with a problem instead of the server's error page.
 */
final class TimedResponse extends HttpServletResponseWrapper {

    static final String HEADER = "X-Response-Time";

    private final HttpServletRequest request;
    private final RequestContext context;
    private final Problems problems;
    private boolean stamped;

    TimedResponse(HttpServletRequest request, HttpServletResponse response, RequestContext context, Problems problems) {
        super(response);
        this.request = request;
        this.context = context;
        this.problems = problems;
    }

    void stamp() {
        if (!stamped && !isCommitted()) {
            stamped = true;
            setHeader(HEADER, context.elapsedMillis() + "ms");
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        stamp();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        stamp();
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        stamp();
        super.flushBuffer();
    }

    @Override
    public void sendError(int status) throws IOException {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, String ignoredMessage) throws IOException {
        if (isCommitted()) {
            super.sendError(status);
            return;
        }
        stamp();
        problems.write(this, Problems.forStatus(status, request), null);
    }
}

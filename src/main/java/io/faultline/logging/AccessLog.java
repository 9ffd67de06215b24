package io.faultline.logging;

import io.faultline.correlation.RequestCompleted;
import io.faultline.correlation.RequestContext;
import io.faultline.http.ClientAddress;
import io.faultline.http.HttpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One JSON access-log record per request (contract section 2). */
@ApplicationScoped
public class AccessLog {

    static final String LOGGER = "io.faultline.access";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final int MAX_USER_AGENT = 512;

    @Inject
    LoggingConfig config;

    @Inject
    HttpConfig http;

    void record(@Observes RequestCompleted completed) {
        long millis = Math.round(completed.durationMillis());
        boolean slow = millis > config.slowRequestMs();
        Level level = completed.status() >= 500 ? Level.SEVERE
                : completed.status() >= 400 || slow ? Level.WARNING : Level.INFO;
        if (!LOG.isLoggable(level)) {
            return;
        }
        RequestContext context = completed.context();
        HttpServletRequest request = completed.request();
        Principal user = request.getUserPrincipal();
        String userAgent = request.getHeader("User-Agent");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("correlationId", context.correlationId());
        fields.put("method", context.method());
        fields.put("path", context.path());
        fields.put("route", context.route());
        fields.put("status", completed.status());
        fields.put("durationMs", millis);
        fields.put("user", user == null ? null : user.getName());
        fields.put("remoteAddr", ClientAddress.of(request, http.trustForwarded()));
        fields.put("userAgent", userAgent == null || userAgent.length() <= MAX_USER_AGENT
                ? userAgent : userAgent.substring(0, MAX_USER_AGENT));
        fields.put("query", QueryRedaction.redact(request.getQueryString()));
        if (context.errorCode() != null) {
            fields.put("code", context.errorCode());
        }
        LogFields.log(LOG, level, slow ? "slow_request" : "request", fields);
    }
}

package io.faultline.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** Whether a browser's request comes from the server's own origin. */
public final class Origins {

    private Origins() {
    }

    /** Whether the Origin names this server: either scheme, and the Host the request was sent to. */
    public static boolean isOwn(String origin, HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (origin == null || host == null) {
            return false;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        String own = host.toLowerCase(Locale.ROOT);
        return normalized.equals("http://" + own) || normalized.equals("https://" + own);
    }

    /**
     * Whether the browser says the request comes from a page of this server: {@code Sec-Fetch-Site:
     * same-origin}, or an Origin that is the server's own. Neither header, no proof: not same-origin.
     */
    public static boolean sameOrigin(HttpServletRequest request) {
        return "same-origin".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site")) || isOwn(request.getHeader("Origin"), request);
    }
}

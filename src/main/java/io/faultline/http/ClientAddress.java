package io.faultline.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/** The client's address: the socket peer, or the first X-Forwarded-For entry when trusted. */
public final class ClientAddress {

    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:\\[\\]]{2,47}");

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request, boolean trustForwarded) {
        if (trustForwarded) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null) {
                int comma = forwarded.indexOf(',');
                String first = (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
                if (ADDRESS.matcher(first).matches()) {
                    return first;
                }
            }
        }
        return request.getRemoteAddr();
    }
}

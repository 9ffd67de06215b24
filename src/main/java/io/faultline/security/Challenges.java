package io.faultline.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The {@code WWW-Authenticate} challenge of a 401. Clients such as curl and the SDKs' own tools
 * get HTTP Basic. A page's script (a browser's {@code Sec-Fetch-Mode} other than
 * {@code navigate}) gets the session scheme: a browser opens its own login dialog for a Basic
 * challenge, never for this one, and the console signs in through {@code /api/session}.
 */
public final class Challenges {

    public static final String BASIC = "Basic realm=\"" + AuthenticationSetup.REALM + "\", charset=\"UTF-8\"";
    public static final String SESSION = "Session realm=\"" + AuthenticationSetup.REALM + "\"";

    private Challenges() {
    }

    public static String of(UnaryOperator<String> header) {
        String mode = header.apply("Sec-Fetch-Mode");
        return mode == null || mode.toLowerCase(Locale.ROOT).equals("navigate") ? BASIC : SESSION;
    }

    public static String of(HttpServletRequest request) {
        return of(request::getHeader);
    }
}

package io.faultline.sentry;

import java.net.URI;

/**
 * A project's DSN, {@code <scheme>://<key>@<host>[:port][/path]/<projectId>}: a Sentry SDK given
 * it sends to {@code <scheme>://<host>[:port][/path]/api/<projectId>/envelope/} with the key.
 */
public final class Dsn {

    private Dsn() {
    }

    /** The DSN for the key and project, on {@code base} (the public URL, or the request's own). */
    public static String of(URI base, String key, long projectId) {
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return base.getScheme() + "://" + key + "@" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort())
                + path + "/" + projectId;
    }
}

package io.faultline.console;

import io.faultline.problem.ResourceNotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The console's files, from the WAR's {@code /console/} folder. The REST application owns the
 * context root ({@code /*}), so the servers' own file servlets never see these paths: this
 * resource serves them, with a type every browser accepts for a module. The page itself is
 * revalidated at every load; it names its scripts and styles under {@code v/<version>/}, the hash
 * of every console file, so those are cached for good and a new WAR is seen at the next load.
 * Only names of the console's own kinds of file are served: nothing else of the WAR.
 */
@Path("console")
@ApplicationScoped
public class ConsoleResource {

    private static final String FOLDER = "/console/";
    private static final String VERSIONED = "v/dev/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(html|js|css|svg|txt)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");
    // Written as they are: a CacheControl object is serialised in each server's own order.
    private static final String REVALIDATE = "no-cache";
    private static final String FOREVER = "public, max-age=31536000, immutable";

    @Context
    ServletContext servlet;

    /** Every console file, read once: the WAR's content does not change while it runs. */
    private volatile Files files;

    record File(byte[] content, String type, EntityTag tag) {
    }

    record Files(Map<String, File> byName, String version) {
    }

    @GET
    public Response index(@Context UriInfo uri, @Context Request request) {
        if (!uri.getPath().endsWith("/")) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(uri.getBaseUriBuilder().path("console/").build()).build();
        }
        return send(files().byName().get("index.html"), request, REVALIDATE);
    }

    @GET
    @Path("v/{version}/{name: .+}")
    public Response versioned(@PathParam("version") String version, @PathParam("name") String name, @Context Request request) {
        // A page from before an upgrade may ask for its old version: it gets today's file, not cached for good.
        return send(find(name), request, version.equals(files().version()) ? FOREVER : REVALIDATE);
    }

    @GET
    @Path("{name: .+}")
    public Response file(@PathParam("name") String name, @Context Request request) {
        return send(find(name), request, REVALIDATE);
    }

    private File find(String name) {
        File file = NAME.matcher(name).matches() ? files().byName().get(name) : null;
        if (file == null) {
            throw new ResourceNotFound("console-file", name);
        }
        return file;
    }

    private static Response send(File file, Request request, String caching) {
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(file.tag());
        if (unchanged != null) {
            return unchanged.header(HttpHeaders.CACHE_CONTROL, caching).build();
        }
        return Response.ok(file.content(), file.type()).tag(file.tag()).header(HttpHeaders.CACHE_CONTROL, caching).build();
    }

    private Files files() {
        Files read = files;
        if (read == null) {
            read = read();
            files = read;
        }
        return read;
    }

    private Files read() {
        Set<String> paths = new TreeSet<>();
        Deque<String> folders = new ArrayDeque<>(Set.of(FOLDER));
        while (!folders.isEmpty()) {
            Set<String> found = servlet.getResourcePaths(folders.pop());
            for (String path : found == null ? Set.<String>of() : found) {
                if (path.endsWith("/")) {
                    folders.push(path);
                } else if (NAME.matcher(path.substring(FOLDER.length())).matches()) {
                    paths.add(path);
                }
            }
        }
        Map<String, byte[]> contents = new HashMap<>();
        MessageDigest all = sha256();
        for (String path : paths) {
            byte[] content = read(path);
            contents.put(path.substring(FOLDER.length()), content);
            all.update(path.getBytes(StandardCharsets.UTF_8));
            all.update(content);
        }
        String version = hash(all.digest()).substring(0, 12);
        Map<String, File> byName = new HashMap<>();
        contents.forEach((name, content) -> {
            byte[] served = name.equals("index.html")
                    ? new String(content, StandardCharsets.UTF_8).replace(VERSIONED, "v/" + version + "/").getBytes(StandardCharsets.UTF_8)
                    : content;
            byName.put(name, new File(served, TYPES.get(name.substring(name.lastIndexOf('.') + 1)),
                    new EntityTag(hash(sha256().digest(served)).substring(0, 22))));
        });
        if (!byName.containsKey("index.html")) {
            throw new IllegalStateException("the WAR has no console/index.html");
        }
        return new Files(Map.copyOf(byName), version);
    }

    private byte[] read(String path) {
        try (InputStream in = servlet.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(byte[] digest) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}

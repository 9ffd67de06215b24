package io.faultline.console;

import io.faultline.problem.ResourceNotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, from the WAR's {@code /console/} folder. The REST application owns the
 * context root ({@code /*}), so the servers' own file servlets never see these paths: this
 * resource serves them, with a type every browser accepts for a module, and an ETag so a reload
 * costs a 304. Only names of the console's own kinds of file are looked up; nothing else of the
 * WAR is reachable through it.
 */
@Path("console")
@ApplicationScoped
public class ConsoleResource {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(html|js|css|svg|txt)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");

    /** Files found so far; bounded by what the WAR holds, which never changes while it runs. */
    private final Map<String, File> files = new ConcurrentHashMap<>();

    @Context
    ServletContext servlet;

    record File(byte[] content, String type, EntityTag tag) {
    }

    @GET
    public Response index(@Context UriInfo uri, @Context Request request) {
        if (!uri.getPath().endsWith("/")) {
            return Response.status(Response.Status.MOVED_PERMANENTLY).location(uri.getBaseUriBuilder().path("console/").build()).build();
        }
        return file("index.html", request);
    }

    @GET
    @Path("{name: .+}")
    public Response file(@PathParam("name") String name, @Context Request request) {
        File file = Optional.ofNullable(files.get(name)).or(() -> load(name)).orElseThrow(() -> new ResourceNotFound("console-file", name));
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(file.tag());
        if (unchanged != null) {
            return unchanged.build();
        }
        return Response.ok(file.content(), file.type()).tag(file.tag()).build();
    }

    private Optional<File> load(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = servlet.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] content = in.readAllBytes();
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            File file = new File(content, type, new EntityTag(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 22)));
            files.put(name, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

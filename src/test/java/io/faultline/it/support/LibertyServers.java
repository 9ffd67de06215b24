package io.faultline.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Liberty servers Arquillian starts: each a copy of the server {@code liberty:create} laid
 * out from server.xml and liberty/, without its application (Arquillian deploys it), with the
 * local JMX connector and the MBean-triggered application monitor the adapter drives, on its own
 * ports.
 */
final class LibertyServers {

    private static final String OVERRIDES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <server>
                <featureManager>
                    <feature>localConnector-1.0</feature>
                </featureManager>
                <applicationMonitor updateTrigger="mbean" dropinsEnabled="true"/>
            </server>
            """;

    private LibertyServers() {
    }

    static Path directory(String serverName) {
        return Server.target().resolve("liberty/wlp/usr/servers").resolve(serverName);
    }

    /** Lays the server out unless it is there already (a server restarted keeps its data). */
    static void layOut(String serverName, int httpPort) throws IOException {
        Path server = directory(serverName);
        if (Files.exists(server.resolve("server.xml"))) {
            return;
        }
        copyConfigured(server, List.of("workarea", "logs", "apps", "dropins"));
        Path serverXml = server.resolve("server.xml");
        String config = Files.readString(serverXml, StandardCharsets.UTF_8);
        Files.writeString(serverXml, config.replaceAll("(?m)^\\s*<webApplication [^>]*/>\\s*$", ""), StandardCharsets.UTF_8);
        Path overrides = server.resolve("configDropins/overrides");
        Files.createDirectories(overrides);
        Files.writeString(overrides.resolve("arquillian.xml"), OVERRIDES, StandardCharsets.UTF_8);
        Files.writeString(server.resolve("bootstrap.properties"), "\nhttp.port=" + httpPort + "\nhttps.port=" + (httpPort + 1000) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    }

    /** Copies the server liberty:create configured into another directory, less the folders named. */
    static void copyConfigured(Path server, List<String> leftOut) throws IOException {
        Path configured = directory("faultline");
        try (Stream<Path> paths = Files.walk(configured)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = configured.relativize(source);
                if (relative.getNameCount() > 0 && leftOut.contains(relative.getName(0).toString())) {
                    continue;
                }
                Path destination = server.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Removes the server, its data among it, so that the next start is a first start. */
    static void remove(String serverName) throws IOException {
        deleteTree(directory(serverName));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}

package io.faultline.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A real Prometheus server on loopback that scrapes the server under test every second. */
public final class Prometheus implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    private Prometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/prometheus")) && Files.isExecutable(Path.of("/usr/bin/promtool"));
    }

    /** A Prometheus that scrapes the application and base scopes every second, as docs/operations.md configures it. */
    public static Prometheus scraping(Server server, Path workDir) throws IOException {
        return start(server, workDir, "");
    }

    /** The same, evaluating these rules every second too. */
    public static Prometheus evaluating(Path rules, Server server, Path workDir) throws IOException {
        return start(server, workDir, """
                  evaluation_interval: 1s
                rule_files:
                  - %s
                """.formatted(rules.toAbsolutePath()));
    }

    private static Prometheus start(Server server, Path workDir, String rules) throws IOException {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                %sscrape_configs:
                  - job_name: faultline
                    metrics_path: /metrics
                    params:
                      scope: [application]
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: faultline-base
                    metrics_path: /metrics
                    params:
                      scope: [base]
                    static_configs:
                      - targets: ['127.0.0.1:%2$d']
                """.formatted(rules, server.port()));
        int port = server.port() + 20;
        Process process = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("prometheus.log").toFile())
                .start();
        return new Prometheus(process, port);
    }

    /** The raw JSON answer of an instant query. */
    public String query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The raw JSON answer of {@code /api/v1/alerts}: every alert pending or firing now. */
    public String alerts() throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/alerts");
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

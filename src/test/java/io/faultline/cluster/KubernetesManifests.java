package io.faultline.cluster;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The manifests of docs/kubernetes, each document as the maps and lists YAML reads it into. */
public final class KubernetesManifests {

    public static final Path DIRECTORY = Path.of("docs", "kubernetes");

    private KubernetesManifests() {
    }

    /** Every document of every manifest, in file order. */
    public static List<Map<String, Object>> all() {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                        documents.add(map(document));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DIRECTORY, e);
        }
        return documents;
    }

    /** The one document of that kind. */
    public static Map<String, Object> ofKind(String kind) {
        List<Map<String, Object>> found = all().stream().filter(d -> kind.equals(d.get("kind"))).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " documents of kind " + kind);
        }
        return found.get(0);
    }

    /** The map under a path of keys. */
    public static Map<String, Object> at(Map<String, Object> document, String... keys) {
        Map<String, Object> at = document;
        for (String key : keys) {
            at = map(at.get(key));
        }
        return at;
    }

    /** The Deployment's one container. */
    public static Map<String, Object> container() {
        List<Object> containers = list(at(ofKind("Deployment"), "spec", "template", "spec").get("containers"));
        if (containers.size() != 1) {
            throw new AssertionError(containers.size() + " containers");
        }
        return map(containers.get(0));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List<?>)) {
            throw new AssertionError("not a sequence: " + value);
        }
        return (List<Object>) value;
    }
}

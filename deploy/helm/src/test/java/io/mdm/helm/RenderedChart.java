package io.mdm.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The chart rendered by the real Helm engine (helm-java) with some values files, parsed into
 * fabric8 Kubernetes objects.
 */
final class RenderedChart {

    static final Path MODULE_DIR = Path.of(System.getProperty("basedir", "."));
    static final Path CHART = MODULE_DIR.resolve("mdm-platform");
    static final Path PRODUCTION_VALUES = CHART.resolve("values-production.example.yaml");
    static final String RELEASE = "mdm";
    static final String NAMESPACE = "mdm-test";
    static final List<String> SERVICES =
            List.of("enrollment-service", "policy-service", "backup-service", "audit-service");
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<List<Path>, RenderedChart> RENDERED = new ConcurrentHashMap<>();

    private final String name;
    private final List<HasMetadata> objects;

    private RenderedChart(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = List.copyOf(objects);
    }

    /** The default values and the example production values: every workload test runs on both. */
    static Stream<Named<RenderedChart>> defaultAndProductionValues() {
        return Stream.of(withDefaultValues(), withProductionValues()).map(chart -> Named.of(chart.name, chart));
    }

    static RenderedChart withDefaultValues() {
        return RENDERED.computeIfAbsent(List.of(), files -> new RenderedChart("default values", parse(template())));
    }

    static RenderedChart withProductionValues() {
        return RENDERED.computeIfAbsent(List.of(PRODUCTION_VALUES),
                files -> new RenderedChart("production example values", parse(template(PRODUCTION_VALUES))));
    }

    static RenderedChart withValues(Path... valuesFiles) {
        return new RenderedChart(Arrays.toString(valuesFiles), parse(template(valuesFiles)));
    }

    /** The rendered manifest text; Helm's error (an IllegalStateException) when rendering fails. */
    static String template(Path... valuesFiles) {
        TemplateCommand command = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path valuesFile : valuesFiles) {
            command = command.withValuesFile(valuesFile);
        }
        return command.call();
    }

    private static List<HasMetadata> parse(String manifest) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
            boolean onlyComments = document.lines().map(String::strip)
                    .allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!onlyComments) {
                parsed.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return parsed;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> all(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    Deployment deployment(String service) {
        return ofComponent(Deployment.class, service).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("no Deployment for " + service));
    }

    ConfigMap configMapOf(Deployment deployment) {
        String name = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getEnvFrom().getFirst().getConfigMapRef().getName();
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no ConfigMap " + name));
    }

    /** The Service of a component that carries the named port. */
    Service serviceWithPort(String service, String portName) {
        return ofComponent(Service.class, service).stream()
                .filter(s -> s.getSpec().getPorts().stream().anyMatch(p -> portName.equals(p.getName())))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no Service of " + service + " with port " + portName));
    }

    <T extends HasMetadata> List<T> ofComponent(Class<T> type, String service) {
        return all(type).stream()
                .filter(o -> service.equals(o.getMetadata().getLabels().get(COMPONENT_LABEL)))
                .toList();
    }

    @Override
    public String toString() {
        return name;
    }
}

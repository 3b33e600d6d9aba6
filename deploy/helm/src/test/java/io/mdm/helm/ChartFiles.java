package io.mdm.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The chart's own files (Chart.yaml, values), read as plain YAML, independently of Helm. */
final class ChartFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartFiles() {
    }

    static JsonNode read(Path yamlFile) {
        try {
            return YAML.readTree(yamlFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String appVersion() {
        return read(RenderedChart.CHART.resolve("Chart.yaml")).path("appVersion").asText();
    }
}

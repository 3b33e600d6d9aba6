package io.mdm.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A benchmark's parameters, from environment variables (bench/README.md lists them) with defaults. */
public final class Settings {

    private final Map<String, String> environment;

    public Settings(Map<String, String> environment) {
        this.environment = environment;
    }

    /** @throws IllegalArgumentException when the variable is set but not a whole number of at least 1 */
    public int positive(String name, int defaultValue) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? defaultValue : parsePositive(name, value);
    }

    /**
     * A comma-separated list of whole numbers of at least 1, in ascending order.
     *
     * @throws IllegalArgumentException when the variable is set but an element is not such a number
     */
    public List<Integer> positiveList(String name, List<Integer> defaultValue) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        List<Integer> parsed = new ArrayList<>();
        for (String element : value.split(",")) {
            parsed.add(parsePositive(name, element));
        }
        parsed.sort(null);
        return List.copyOf(parsed);
    }

    private static int parsePositive(String name, String value) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the variable's name.
        }
        throw new IllegalArgumentException(name + " must be whole numbers of at least 1, not '" + value + "'");
    }
}

package io.mdm.policy.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dotted OS version such as "14", "14.1" or "17.4.1", compared numerically component by
 * component, a missing component counting as 0: "9" &lt; "10", "14" &lt; "14.1", "14" equals "14.0".
 *
 * <p>Trailing zero components are dropped on construction so that {@code equals} agrees with
 * {@code compareTo}; {@link #toString()} prints that canonical form.
 */
public record OsVersion(List<Integer> components) implements Comparable<OsVersion> {

    /** One to four groups of ASCII digits separated by dots. */
    static final Pattern FORMAT = Pattern.compile("^\\d+(\\.\\d+){0,3}$");

    public OsVersion {
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("an OS version needs at least one component");
        }
        List<Integer> canonical = new ArrayList<>(components);
        for (Integer component : canonical) {
            if (component == null || component < 0) {
                throw new IllegalArgumentException("OS version components must be non-negative numbers: " + components);
            }
        }
        while (canonical.size() > 1 && canonical.getLast() == 0) {
            canonical.removeLast();
        }
        components = List.copyOf(canonical);
    }

    /** Parses "14", "14.1", "17.4.1"; anything else is an {@link IllegalArgumentException}. */
    public static OsVersion parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new IllegalArgumentException("not an OS version (expected e.g. 14, 14.1 or 17.4.1): " + text);
        }
        List<Integer> components = new ArrayList<>();
        for (String part : text.split("\\.")) {
            try {
                components.add(Integer.parseInt(part));
            } catch (NumberFormatException tooLarge) {
                throw new IllegalArgumentException("OS version component too large: " + text, tooLarge);
            }
        }
        return new OsVersion(components);
    }

    @Override
    public int compareTo(OsVersion other) {
        int length = Math.max(components.size(), other.components.size());
        for (int i = 0; i < length; i++) {
            int difference = Integer.compare(componentAt(i), other.componentAt(i));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    public boolean isOlderThan(OsVersion other) {
        return compareTo(other) < 0;
    }

    private int componentAt(int index) {
        return index < components.size() ? components.get(index) : 0;
    }

    @Override
    public String toString() {
        return components.stream().map(String::valueOf).collect(Collectors.joining("."));
    }
}

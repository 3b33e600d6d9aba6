package io.mdm.policy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OsVersionTest {

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "14, 14.1",
        "14.1, 17.4.1",
        "14, 17.4.1",
        "9, 10",
        "1.9, 1.10",
        "17.4, 17.4.1",
        "17.4.1, 17.5",
        "0, 0.0.0.1",
        "2.99, 3",
        "13.9.9.9, 14"
    })
    void comparesNumericallyComponentByComponent(String lower, String higher) {
        OsVersion low = OsVersion.parse(lower);
        OsVersion high = OsVersion.parse(higher);

        assertTrue(low.compareTo(high) < 0, lower + " < " + higher);
        assertTrue(high.compareTo(low) > 0, higher + " > " + lower);
        assertTrue(low.isOlderThan(high));
        assertNotEquals(low, high);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"14, 14.0", "14, 14.0.0.0", "17.4, 17.4.0", "014, 14", "0, 0.0"})
    void missingComponentsCountAsZero(String first, String second) {
        OsVersion a = OsVersion.parse(first);
        OsVersion b = OsVersion.parse(second);

        assertEquals(0, a.compareTo(b));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void sortsAShuffledListIntoNumericOrder() {
        List<String> expected = List.of("9", "10", "14", "14.1", "14.2", "17", "17.4", "17.4.1", "17.10");
        List<OsVersion> shuffled = new ArrayList<>(expected.stream().map(OsVersion::parse).toList());
        Collections.shuffle(shuffled, new Random(3));

        Collections.sort(shuffled);

        assertEquals(expected, shuffled.stream().map(OsVersion::toString).toList());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {
        "", " ", "a", "fourteen", "14.", ".14", "14..1", "1.2.3.4.5", " 14", "14 ", "-1", "+14", "14.a",
        "v14", "14,1", "\u0661\u0664", "99999999999"
    })
    void rejectsWhatIsNotADottedNumber(String text) {
        assertThrows(IllegalArgumentException.class, () -> OsVersion.parse(text));
    }

    @Test
    void printsTheCanonicalForm() {
        assertEquals("17.4.1", OsVersion.parse("17.4.1").toString());
        assertEquals("14", OsVersion.parse("14.0.0").toString());
    }
}

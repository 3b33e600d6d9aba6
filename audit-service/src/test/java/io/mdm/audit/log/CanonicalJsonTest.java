package io.mdm.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private String canonical(JsonNode node) {
        return new String(CanonicalJson.serialize(node), StandardCharsets.UTF_8);
    }

    private String canonical(String json) throws Exception {
        return canonical(mapper.readTree(json));
    }

    @Test
    void membersAreSortedByUtf16CodeUnitsAsInRfc8785Section323() throws Exception {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        // RFC 8785 3.2.3 lists the values in this order: UTF-16 units 000d < 0031 < 0080 < 00f6 < 20ac < d83d < fb33
        // (the emoji's high surrogate sorts before U+FB33 although its code point is larger).
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, canonical(input));
    }

    @Test
    void serializesTheRfc8785Section322Example() throws Exception {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, canonical(input));
    }

    @Test
    void nonAsciiIsWrittenAsLiteralUtf8() {
        byte[] bytes = CanonicalJson.serialize(TextNode.valueOf("\u20ac\ud83d\ude00"));
        assertEquals("22e282acf09f988022", HexFormat.of().formatHex(bytes));
    }

    @Test
    void controlCharactersUseShortEscapesOrLowercaseUnicodeEscapes() {
        // Expected as ECMAScript JSON.stringify writes it: DEL and U+2028 stay literal.
        assertEquals("\"\\b\\t\\n\\f\\r\\u0001\\u001f\\u000b\u007f\u2028\\\"\\\\/\"",
                canonical(TextNode.valueOf("\b\t\n\f\r\u0001\u001f\u000b\u007f\u2028\"\\/")));
    }

    @Test
    void loneSurrogatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(TextNode.valueOf("a\ud83d")));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(TextNode.valueOf("\ude00b")));
        JsonNode badKey = JsonNodeFactory.instance.objectNode().put("\ud83d", 1);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(badKey));
    }

    @Test
    void nestedStructuresHaveNoWhitespaceAndSortedMembersAtEveryLevel() throws Exception {
        String input = """
                { "b" : [ 1 , { "y" : true, "x" : null } , [ ] ],
                  "a" : { } }""";
        assertEquals("{\"a\":{},\"b\":[1,{\"x\":null,\"y\":true},[]]}", canonical(input));
    }

    /** Expected strings are RFC 8785 Appendix B's; they are also what Node.js JSON.stringify prints for these bits. */
    @ParameterizedTest
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "0000000000000002, 1e-323",
        "0000000000000003, 1.5e-323",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
        "3fb999999999999a, 0.1",
    })
    void doublesAreWrittenAsEcmaScriptNumberToString(String ieeeHex, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
        assertEquals(expected, canonical(DoubleNode.valueOf(value)));
    }

    @Test
    void nanAndInfinitiesAreRejected() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(DoubleNode.valueOf(value)));
        }
    }

    @Test
    void integersAreWrittenWithoutExponentOrFraction() throws Exception {
        assertEquals("[0,-5,1234567,9007199254740992,-9007199254740992,100,1.5,0.1]",
                canonical(JsonNodeFactory.instance.arrayNode()
                        .add(IntNode.valueOf(0))
                        .add(IntNode.valueOf(-5))
                        .add(LongNode.valueOf(1234567))
                        .add(LongNode.valueOf(1L << 53))
                        .add(LongNode.valueOf(-(1L << 53)))
                        .add(DecimalNode.valueOf(new BigDecimal("1E+2")))
                        .add(DecimalNode.valueOf(new BigDecimal("1.50")))
                        .add(FloatNode.valueOf(0.1f))));
        assertEquals("[1e+30,100]", canonical("[1.0E30, 100.0]"));
    }

    @Test
    void integersBeyondTwoToThe53AreRejected() {
        for (JsonNode tooLarge : new JsonNode[] {
            LongNode.valueOf((1L << 53) + 1),
            LongNode.valueOf(-(1L << 53) - 1),
            LongNode.valueOf(Long.MAX_VALUE),
            BigIntegerNode.valueOf(BigInteger.TEN.pow(30)),
            DecimalNode.valueOf(new BigDecimal("9007199254740993")),
        }) {
            assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(tooLarge), tooLarge::toString);
        }
    }

    @Test
    void nodesThatAreNotJsonAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(BinaryNode.valueOf(new byte[] {1})));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.serialize(JsonNodeFactory.instance.missingNode()));
    }

    @Test
    void sameMembersInAnotherOrderGiveTheSameBytes() throws Exception {
        assertArrayEquals(
                CanonicalJson.serialize(mapper.readTree("{\"a\":1,\"b\":{\"d\":[1,2],\"c\":\"x\"}}")),
                CanonicalJson.serialize(mapper.readTree("{\"b\":{\"c\":\"x\",\"d\":[1,2]},\"a\":1}")));
    }
}

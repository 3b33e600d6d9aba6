package io.mdm.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the bytes that are hashed into the audit log,
 * so that anyone can recompute a record's hash with any JCS library.
 *
 * <p>Object members are sorted by the UTF-16 code units of their names ({@link String#compareTo}
 * compares exactly those), there is no whitespace, strings are escaped as ECMAScript's
 * {@code JSON.stringify} does, and numbers are written as ECMAScript's
 * {@code Number.prototype.toString}. Input JCS cannot represent faithfully is rejected with
 * {@link IllegalArgumentException}: NaN and infinities, integers whose magnitude exceeds 2^53
 * (an IEEE 754 double, which is all a JCS number is, cannot hold them exactly), strings with lone
 * surrogates (they have no UTF-8 form), and node types that are not JSON (binary, POJO, missing).
 */
public final class CanonicalJson {

    private static final BigInteger MAX_EXACT_INTEGER = BigInteger.ONE.shiftLeft(53);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    /** The JCS serialization of {@code node} as UTF-8 bytes. */
    public static byte[] serialize(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null) {
            throw new IllegalArgumentException("null node (use NullNode for a JSON null)");
        }
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> writeArray(node, out);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not representable in JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(members.get(i).getKey(), out);
            out.append(':');
            write(members.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(node.get(i), out);
        }
        out.append(']');
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate at index " + i + " of a string");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void writeNumber(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber()) {
            out.append(exactInteger(node.bigIntegerValue()));
        } else if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            if (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0) {
                out.append(exactInteger(value.toBigIntegerExact()));
            } else {
                out.append(EcmaScriptNumber.format(Double.parseDouble(value.toString())));
            }
        } else if (node.isFloat()) {
            // A float is written as its own shortest text, and that text is what a reader parses as a double.
            out.append(EcmaScriptNumber.format(Double.parseDouble(Float.toString(node.floatValue()))));
        } else {
            out.append(EcmaScriptNumber.format(node.doubleValue()));
        }
    }

    private static String exactInteger(BigInteger value) {
        if (value.abs().compareTo(MAX_EXACT_INTEGER) > 0) {
            throw new IllegalArgumentException("integer beyond 2^53 has no exact JCS form: " + value);
        }
        return value.toString();
    }
}

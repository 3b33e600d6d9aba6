package io.mdm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What an outside verifier does with the published log, written from the RFCs and the JDK only,
 * without the service's classes: RFC 8785 canonical bytes of a record (enough of JCS for the
 * records these tests make: integers, strings, booleans, null, objects, arrays), SHA-256 leaf and
 * node hashes and the tree hash of RFC 6962, proof verification as RFC 9162 sections 2.1.3.2 and
 * 2.1.4.2 describe it, and the Ed25519 checkpoint signature with its C2SP key ID.
 */
public final class IndependentLogCheck {

    private IndependentLogCheck() {
    }

    /** The canonical bytes of a published record: the record without its {@code hash}. */
    public static byte[] canonicalBytes(JsonNode publishedRecord) {
        ObjectNode record = publishedRecord.deepCopy();
        record.remove("hash");
        StringBuilder out = new StringBuilder();
        jcs(record, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] leafHash(byte[] data) {
        return sha256(new byte[]{0x00}, data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        return sha256(new byte[]{0x01}, left, right);
    }

    /** MTH(D[n]) of RFC 6962 section 2.1. */
    public static byte[] treeHash(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return sha256();
        }
        if (leaves.size() == 1) {
            return leaves.getFirst();
        }
        int k = 1;
        while (k * 2 < leaves.size()) {
            k *= 2;
        }
        return nodeHash(treeHash(leaves.subList(0, k)), treeHash(leaves.subList(k, leaves.size())));
    }

    /** RFC 9162 section 2.1.3.2, step by step. */
    public static boolean verifyInclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> path, byte[] root) {
        if (leafIndex >= treeSize) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 section 2.1.4.2 for {@code 0 < first < second}. */
    public static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
                                            List<byte[]> consistencyPath) {
        if (consistencyPath.isEmpty() || first <= 0 || first >= second) {
            return false;
        }
        List<byte[]> path = new ArrayList<>();
        if (Long.bitCount(first) == 1) {
            path.add(firstHash);
        }
        path.addAll(consistencyPath);
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, firstHash) && Arrays.equals(sr, secondHash) && sn == 0;
    }

    /** Whether {@code signature} is the Ed25519 signature of {@code body} by the raw 32-byte key. */
    public static boolean ed25519Verifies(byte[] rawPublicKey, String body, byte[] signature) {
        try {
            byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(rawPublicKey));
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            ed25519.update(body.getBytes(StandardCharsets.UTF_8));
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The C2SP signed-note key ID of an Ed25519 key: SHA-256(name || '\n' || 0x01 || key)[0:4] in hex. */
    public static String keyId(String name, byte[] rawPublicKey) {
        byte[] digest = sha256(name.getBytes(StandardCharsets.UTF_8), new byte[]{0x0A, 0x01}, rawPublicKey);
        return HexFormat.of().formatHex(digest, 0, 4);
    }

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void jcs(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(names.get(i), out);
                out.append(':');
                jcs(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                jcs(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isIntegralNumber() || (node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue()))) {
            BigInteger value = node.bigIntegerValue();
            if (value.abs().bitLength() > 53) {
                throw new IllegalArgumentException("integer beyond 2^53 in a record: " + value);
            }
            out.append(value);
        } else if (node.isBoolean() || node.isNull()) {
            out.append(node.asText());
        } else {
            throw new IllegalArgumentException("these tests write no fractional numbers: " + node);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

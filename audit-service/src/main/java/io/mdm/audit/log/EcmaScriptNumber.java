package io.mdm.audit.log;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number.prototype.toString} (ECMA-262 "Number::toString") for finite doubles,
 * the number form RFC 8785 prescribes.
 */
final class EcmaScriptNumber {

    private EcmaScriptNumber() {
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JCS has no form for " + value);
        }
        if (value == 0) {
            return "0";
        }
        return value < 0 ? "-" + formatPositive(-value) : formatPositive(value);
    }

    private static String formatPositive(double value) {
        BigDecimal shortest = shortestDecimal(value);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        // The value is 0.<digits> x 10^n, the n of the ECMAScript algorithm.
        int n = k - shortest.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String suffix = "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        return k == 1 ? digits + suffix : digits.charAt(0) + "." + digits.substring(1) + suffix;
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code value}, the
     * closest such one if there are several. Since JDK 19 {@link Double#toString(double)} is that
     * decimal, except that where one digit would do it may give a closer two-digit decimal
     * (4.9E-324 where ECMAScript writes 5e-324); that case is narrowed back to one digit here.
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal javaShortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (javaShortest.precision() != 2) {
            return javaShortest;
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = javaShortest.round(new MathContext(1, mode)).stripTrailingZeros();
            if (Double.parseDouble(candidate.toString()) == value && (best == null || closer(candidate, best, exact))) {
                best = candidate;
            }
        }
        return best == null ? javaShortest : best;
    }

    private static boolean closer(BigDecimal candidate, BigDecimal best, BigDecimal exact) {
        int byDistance = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
        return byDistance < 0 || byDistance == 0 && !candidate.unscaledValue().testBit(0);
    }
}

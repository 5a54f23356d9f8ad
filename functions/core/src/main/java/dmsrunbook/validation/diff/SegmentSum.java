package dmsrunbook.validation.diff;

import java.math.BigInteger;

/**
 * One key range's row count and checksum on one side: the exact sum of a 64-bit (or 60-bit) hash of every row. A sum
 * does not depend on row order, and unlike XOR it does not cancel a row that appears twice.
 */
public record SegmentSum(long rows, BigInteger checksum) {

    public static final SegmentSum EMPTY = new SegmentSum(0, BigInteger.ZERO);
}

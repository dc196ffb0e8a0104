package org.mymnist.data;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One change to the bytes of a file, for the fuzz tests: flip bits of a byte, set a byte, cut the
 * file, insert bytes, or overwrite four bytes with a big-endian integer (an IDX size field, a zip
 * length), at a position taken modulo the file's length.
 *
 * @param kind which change
 * @param position where, modulo the length
 * @param value the byte, bits or integer
 * @param count how many bytes to insert
 */
public record Mutation(Kind kind, int position, int value, int count) {

    /** The kinds of change. */
    public enum Kind { FLIP, SET, TRUNCATE, INSERT, INT32 }

    /** Any mutation. */
    public static Arbitrary<Mutation> any() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 255), Arbitraries.integers(),
                        Arbitraries.of(0, 1, -1, Integer.MAX_VALUE, 0x7fffffff - 8, 2_500_000, 60_000, 784)),
                Arbitraries.integers().between(1, 64))
                .as(Mutation::new);
    }

    /** One to four mutations. */
    public static Arbitrary<List<Mutation>> some() {
        return any().list().ofMinSize(1).ofMaxSize(4);
    }

    /** The bytes with this change. */
    public byte[] apply(byte[] bytes) {
        if (bytes.length == 0) {
            return kind == Kind.INSERT ? new byte[count] : bytes;
        }
        int at = Math.floorMod(position, bytes.length);
        byte[] out;
        switch (kind) {
            case FLIP:
                out = bytes.clone();
                out[at] ^= (byte) (value == 0 ? 1 : value);
                return out;
            case SET:
                out = bytes.clone();
                out[at] = (byte) value;
                return out;
            case TRUNCATE:
                return Arrays.copyOf(bytes, at);
            case INSERT:
                out = new byte[bytes.length + count];
                System.arraycopy(bytes, 0, out, 0, at);
                Arrays.fill(out, at, at + count, (byte) value);
                System.arraycopy(bytes, at, out, at + count, bytes.length - at);
                return out;
            case INT32:
                out = bytes.clone();
                for (int i = 0; i < 4 && at + i < out.length; i++) {
                    out[at + i] = (byte) (value >>> (24 - 8 * i));
                }
                return out;
            default:
                throw new AssertionError(kind);
        }
    }

    /** The bytes with every change, in order. */
    public static byte[] applyAll(List<Mutation> mutations, byte[] bytes) {
        byte[] out = bytes;
        for (Mutation m : mutations) {
            out = m.apply(out);
        }
        return out;
    }
}

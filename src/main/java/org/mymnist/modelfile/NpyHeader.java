package org.mymnist.modelfile;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The header of an {@code .npy} array: its dtype, memory order and shape, as in numpy's header
 * dictionary {@code {'descr': '<f8', 'fortran_order': False, 'shape': (784, 32), }}.
 *
 * <p>Only little-endian floating point dtypes are supported: {@code <f8} (ND4J
 * {@link DataType#DOUBLE}) and {@code <f4} ({@link DataType#FLOAT}).
 */
public final class NpyHeader {

    /** The dtype of 64-bit little-endian floats, ND4J's {@link DataType#DOUBLE}. */
    public static final String FLOAT64 = "<f8";
    /** The dtype of 32-bit little-endian floats, ND4J's {@link DataType#FLOAT}. */
    public static final String FLOAT32 = "<f4";

    private final String descr;
    private final boolean fortranOrder;
    private final long[] shape;

    /**
     * A header.
     *
     * @param descr {@value #FLOAT64} or {@value #FLOAT32}
     * @param fortranOrder whether the data is in column-major (Fortran) order rather than C order
     * @param shape the size of each dimension, none negative; copied
     * @throws IllegalArgumentException for another dtype or a negative size
     */
    public NpyHeader(String descr, boolean fortranOrder, long[] shape) {
        if (!FLOAT64.equals(descr) && !FLOAT32.equals(descr)) {
            throw new IllegalArgumentException("dtype '" + descr + "' not supported, expected '"
                    + FLOAT64 + "' or '" + FLOAT32 + "'");
        }
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
        }
        this.descr = descr;
        this.fortranOrder = fortranOrder;
        this.shape = shape.clone();
    }

    /**
     * The header of a C-order array of the given ND4J type.
     *
     * @param dataType {@link DataType#DOUBLE} or {@link DataType#FLOAT}
     * @param shape the size of each dimension
     * @return the header
     * @throws IllegalArgumentException for another data type
     */
    public static NpyHeader of(DataType dataType, long[] shape) {
        switch (dataType) {
            case DOUBLE:
                return new NpyHeader(FLOAT64, false, shape);
            case FLOAT:
                return new NpyHeader(FLOAT32, false, shape);
            default:
                throw new IllegalArgumentException("data type " + dataType
                        + " not supported, expected DOUBLE or FLOAT");
        }
    }

    /** {@return the numpy dtype, {@value #FLOAT64} or {@value #FLOAT32}} */
    public String descr() {
        return descr;
    }

    /** {@return whether the data is stored column-major ({@code fortran_order: True})} */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /** {@return the size of each dimension (a copy)} */
    public long[] shape() {
        return shape.clone();
    }

    /** {@return the matching ND4J data type, {@link DataType#DOUBLE} or {@link DataType#FLOAT}} */
    public DataType dataType() {
        return FLOAT64.equals(descr) ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** {@return the bytes per element, 8 or 4} */
    public int itemSize() {
        return FLOAT64.equals(descr) ? 8 : 4;
    }

    /**
     * {@return the number of elements, the product of the shape}
     *
     * @throws ArithmeticException if it does not fit in a {@code long}
     */
    public long elementCount() {
        long count = 1;
        for (long size : shape) {
            count = Math.multiplyExact(count, size);
        }
        return count;
    }

    /**
     * {@return the number of data bytes that follow the header, {@code elementCount() * itemSize()}}
     *
     * @throws ArithmeticException if it does not fit in a {@code long}
     */
    public long dataLength() {
        return Math.multiplyExact(elementCount(), itemSize());
    }

    /** {@return the shape as Python writes a tuple: {@code (784, 32)}, {@code (10,)} or {@code ()}} */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@return the header dictionary as numpy writes it, before padding} */
    public String dictionaryText() {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shapeText() + ", }";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NpyHeader
                && descr.equals(((NpyHeader) other).descr)
                && fortranOrder == ((NpyHeader) other).fortranOrder
                && Arrays.equals(shape, ((NpyHeader) other).shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(descr, fortranOrder, Arrays.hashCode(shape));
    }

    /** The header dictionary, e.g. {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}. */
    @Override
    public String toString() {
        return dictionaryText();
    }
}

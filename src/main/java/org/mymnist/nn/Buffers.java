package org.mymnist.nn;

import java.util.EnumMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A layer's work arrays, allocated once for a batch size and reused at every step. ND4J frees
 * native memory only when the Java garbage collector finds an array unreachable; reusing the same
 * few arrays keeps training's memory flat instead of growing by the size of the data every epoch.
 */
final class Buffers implements AutoCloseable {

    /** The roles of the work arrays. */
    enum Role { Y, Z, DERIVATIVE, E1, E0, DW }

    static final Role Y = Role.Y;
    static final Role Z = Role.Z;
    static final Role DERIVATIVE = Role.DERIVATIVE;
    static final Role E1 = Role.E1;
    static final Role E0 = Role.E0;
    static final Role DW = Role.DW;

    private final Map<Role, INDArray> arrays = new EnumMap<>(Role.class);

    /**
     * The array for a role, reallocated only when the shape or type changes.
     *
     * @param role what the array holds
     * @param rows rows
     * @param columns columns
     * @param type data type
     * @return a C-order matrix whose content is left from its last use
     */
    INDArray matrix(Role role, int rows, int columns, DataType type) {
        return matrix(role, rows, columns, type, 'c');
    }

    /**
     * The array for a role in the given order, reallocated only when shape, type or order change.
     *
     * @param role what the array holds
     * @param rows rows
     * @param columns columns
     * @param order {@code 'c'} (rows contiguous) or {@code 'f'} (columns contiguous)
     * @param type data type
     * @return a matrix whose content is left from its last use
     */
    INDArray matrix(Role role, int rows, int columns, DataType type, char order) {
        INDArray current = arrays.get(role);
        if (current != null && current.rows() == rows && current.columns() == columns
                && current.dataType() == type && current.ordering() == order) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        INDArray fresh = Nd4j.createUninitialized(type, new long[] {rows, columns}, order);
        arrays.put(role, fresh);
        return fresh;
    }

    @Override
    public void close() {
        arrays.values().forEach(INDArray::close);
        arrays.clear();
    }
}

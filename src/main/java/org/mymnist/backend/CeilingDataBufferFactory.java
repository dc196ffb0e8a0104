package org.mymnist.backend;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.cpu.nativecpu.buffer.DefaultDataBufferFactory;

/**
 * ND4J's CPU buffer factory, asking the JVM's {@link MemoryCeiling} before it makes a new array's
 * memory, so that {@code Nd4j.create(100_000, 100_000)} in a notebook cell gets a
 * {@link MemoryCeilingException} that says what to do, instead of taking the server's memory (or a
 * bare {@code std::bad_alloc}). A JVM uses it when started with
 * {@code -Ddatabufferfactory=org.mymnist.backend.CeilingDataBufferFactory} and
 * {@code -Dmymnist.memoryCeiling=SIZE}, as the class's kernel spec does; without the second property it
 * is ND4J's factory unchanged.
 *
 * <p>Buffers made from existing data (Java arrays, pointers, mapped files) are not asked: their memory
 * exists already. Buffers carved out of a workspace are, when the workspace has to grow for them.
 */
public class CeilingDataBufferFactory extends DefaultDataBufferFactory {

    private final MemoryCeiling ceiling = MemoryCeiling.ofThisJvm();

    /** The factory, with this JVM's ceiling (none without {@value MemoryCeiling#PROPERTY}). */
    public CeilingDataBufferFactory() {
    }

    private void admit(DataType type, long length) {
        if (ceiling != null) {
            ceiling.admit(type, length);
        }
    }

    @Override
    public DataBuffer create(DataType dataType, long length, boolean initialize) {
        admit(dataType, length);
        return super.create(dataType, length, initialize);
    }

    @Override
    public DataBuffer create(DataType dataType, long length, boolean initialize, MemoryWorkspace workspace) {
        admit(dataType, length);
        return super.create(dataType, length, initialize, workspace);
    }

    @Override
    public DataBuffer createDouble(long length) {
        admit(DataType.DOUBLE, length);
        return super.createDouble(length);
    }

    @Override
    public DataBuffer createDouble(long length, boolean initialize) {
        admit(DataType.DOUBLE, length);
        return super.createDouble(length, initialize);
    }

    @Override
    public DataBuffer createDouble(long length, boolean initialize, MemoryWorkspace workspace) {
        admit(DataType.DOUBLE, length);
        return super.createDouble(length, initialize, workspace);
    }

    @Override
    public DataBuffer createFloat(long length) {
        admit(DataType.FLOAT, length);
        return super.createFloat(length);
    }

    @Override
    public DataBuffer createFloat(long length, boolean initialize) {
        admit(DataType.FLOAT, length);
        return super.createFloat(length, initialize);
    }

    @Override
    public DataBuffer createFloat(long length, boolean initialize, MemoryWorkspace workspace) {
        admit(DataType.FLOAT, length);
        return super.createFloat(length, initialize, workspace);
    }

    @Override
    public DataBuffer createInt(long length) {
        admit(DataType.INT, length);
        return super.createInt(length);
    }

    @Override
    public DataBuffer createInt(long length, boolean initialize) {
        admit(DataType.INT, length);
        return super.createInt(length, initialize);
    }

    @Override
    public DataBuffer createLong(long length) {
        admit(DataType.LONG, length);
        return super.createLong(length);
    }

    @Override
    public DataBuffer createLong(long length, boolean initialize) {
        admit(DataType.LONG, length);
        return super.createLong(length, initialize);
    }

    @Override
    public DataBuffer createHalf(long length) {
        admit(DataType.HALF, length);
        return super.createHalf(length);
    }

    @Override
    public DataBuffer createHalf(long length, boolean initialize) {
        admit(DataType.HALF, length);
        return super.createHalf(length, initialize);
    }
}

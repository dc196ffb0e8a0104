package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    @Test
    void writesNumpyVersion1HeaderPaddedTo64Bytes() {
        INDArray a = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        byte[] npy = Npy.toBytes(a);

        assertArrayEquals(MAGIC, Arrays.copyOf(npy, 6));
        assertEquals(1, npy[6]);
        assertEquals(0, npy[7]);
        int headerLength = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(npy, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith(" \n"), header);
        assertEquals(10 + headerLength + 6 * 8, npy.length);
        ByteBuffer data = ByteBuffer.wrap(npy, 10 + headerLength, 48).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 1; i <= 6; i++) {
            assertEquals(i, data.getDouble()); // C order: 1 2 3 4 5 6
        }
    }

    @Test
    void roundTripsFloat64() throws Exception {
        INDArray a = Nd4j.createFromArray(new double[][] {{0.1, -2.5e-300, Double.MAX_VALUE},
            {Double.NaN, Double.NEGATIVE_INFINITY, -0.0}});
        INDArray back = Npy.fromBytes(Npy.toBytes(a), "a.npy");
        assertEquals(DataType.DOUBLE, back.dataType());
        assertArrayEquals(a.shape(), back.shape());
        assertArrayEquals(bits(a.data().asDouble()), bits(back.data().asDouble()));
    }

    @Test
    void roundTripsFloat32KeepingTheDtype() throws Exception {
        INDArray a = Nd4j.createFromArray(new float[][] {{0.1f, -3f}, {1e-40f, Float.MAX_VALUE}, {7f, 8f}});
        byte[] npy = Npy.toBytes(a);
        assertTrue(new String(npy, 10, 50, StandardCharsets.US_ASCII).contains("'descr': '<f4'"));
        INDArray back = Npy.fromBytes(npy, "a.npy");
        assertEquals(DataType.FLOAT, back.dataType());
        assertArrayEquals(new long[] {3, 2}, back.shape());
        assertArrayEquals(a.data().asFloat(), back.data().asFloat());
    }

    @Test
    void writesViewsInCOrder() throws Exception {
        INDArray a = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}}).transpose();
        INDArray back = Npy.fromBytes(Npy.toBytes(a), "t.npy");
        assertEquals(Nd4j.createFromArray(new double[][] {{1, 3}, {2, 4}}), back);
    }

    @Test
    void writesVectorShapeAsOneElementTuple() {
        NpyHeader header = NpyHeader.of(DataType.DOUBLE, new long[] {10});
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }", header.dictionaryText());
        assertEquals("()", NpyHeader.of(DataType.FLOAT, new long[0]).shapeText());
    }

    @Test
    void readsFortranOrderAndHeadersAlignedTo16() throws Exception {
        // numpy before 1.14 aligned to 16 bytes; fortran_order True stores columns first.
        byte[] npy = npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", 16, doubles(0, 3, 1, 4, 2, 5));
        INDArray back = Npy.fromBytes(npy, "f.npy");
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1, 2}, {3, 4, 5}}), back);
    }

    @Test
    void refusesBadMagic() {
        byte[] npy = Npy.toBytes(Nd4j.createFromArray(new double[] {1, 2}));
        npy[1] = 'X';
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(npy, "w.npy"));
        assertTrue(e.getMessage().startsWith("w.npy: not a .npy array (bad magic"), e.getMessage());
        assertTrue(e.getMessage().contains("expected \\x93NUMPY"), e.getMessage());
    }

    @Test
    void refusesOtherDtypes() {
        byte[] npy = npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 64, new byte[16]);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(npy, "i.npy"));
        assertEquals("i.npy: dtype '<i8' not supported, expected '<f8' or '<f4'", e.getMessage());
    }

    @Test
    void refusesDataShorterThanTheShape() {
        byte[] npy = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 64, doubles(1, 2, 3));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(npy, "s.npy"));
        assertEquals("s.npy: data length 24 bytes does not match shape (2, 3) '<f8', expected 48 bytes",
                e.getMessage());
    }

    @Test
    void refusesDataLongerThanTheShape() {
        byte[] npy = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 64, doubles(1, 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(npy, "l.npy"));
        assertEquals("l.npy: 8 bytes after the data of shape (1,) '<f8', expected none", e.getMessage());
    }

    @Test
    void refusesHugeShapesWithoutAllocating() {
        byte[] npy = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 64, doubles(1));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(npy, "h.npy"));
        assertTrue(e.getMessage().contains("needs 80000000000 bytes"), e.getMessage());

        byte[] overflow = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (999999999999999999, 999999999999999999), }",
                64, doubles(1));
        e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(overflow, "o.npy"));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void refusesMalformedHeaders() {
        for (String dict : new String[] {
            "{'descr': '<f8', 'shape': (2,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }",
            "['descr']",
        }) {
            byte[] npy = npy(dict, 64, doubles(1, 2));
            ModelFileException e = assertThrows(ModelFileException.class, () -> Npy.fromBytes(npy, "m.npy"), dict);
            assertTrue(e.getMessage().startsWith("m.npy: bad .npy header: "), e.getMessage());
        }
    }

    /** An .npy file with the given header text, padded to {@code align}, and data. */
    static byte[] npy(String dict, int align, byte[] data) {
        int total = (10 + dict.length() + 1 + align - 1) / align * align;
        String header = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}

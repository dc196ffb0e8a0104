package org.mymnist.modelfile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.mymnist.backend.NativeBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes an {@link INDArray} in numpy's {@code .npy} format, so that
 * {@code numpy.load} reads what this class writes and the other way round.
 *
 * <p>What is written is NPY format version 1.0:
 * <ol>
 *   <li>the magic string {@code \x93NUMPY} and the version bytes {@code 1 0};</li>
 *   <li>the header length, a little-endian unsigned 16-bit integer;</li>
 *   <li>the header, an ASCII Python dictionary such as
 *       {@code {'descr': '<f8', 'fortran_order': False, 'shape': (784, 32), }}, padded with
 *       spaces and ended by {@code '\n'} so that the data starts at a multiple of 64 bytes;</li>
 *   <li>the elements, little-endian, in C (row-major) order.</li>
 * </ol>
 * The dtype follows the array: {@code <f8} for {@link DataType#DOUBLE}, {@code <f4} for
 * {@link DataType#FLOAT}; other data types are refused. Reading also accepts versions 2.0 and
 * 3.0 (a 32-bit header length), any header alignment and {@code fortran_order: True}; arrays read
 * are always returned in C order.
 */
public final class Npy {

    static {
        NativeBackend.configure();
    }

    /** The magic string every {@code .npy} file starts with: {@code \x93NUMPY}. */
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Bytes before the header text in version 1.0: magic, two version bytes, uint16 length. */
    private static final int PREAMBLE_V1 = MAGIC.length + 2 + 2;
    /** The data starts at a multiple of this many bytes, as numpy 1.14 and later write. */
    private static final int ALIGNMENT = 64;
    /** The longest header text read from a version 2.0 or 3.0 file. */
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    /** Elements converted per chunk when writing. */
    private static final int CHUNK = 8192;

    private Npy() {
    }

    /**
     * The {@code .npy} bytes of an array.
     *
     * @param array a {@link DataType#DOUBLE} or {@link DataType#FLOAT} array of any shape
     * @return the file content
     * @throws IllegalArgumentException for another data type
     */
    public static byte[] toBytes(INDArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(array, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /**
     * Writes an array as {@code .npy}, header then data. The stream is left open.
     *
     * @param array a {@link DataType#DOUBLE} or {@link DataType#FLOAT} array of any shape
     * @param out where to write
     * @throws IOException if writing fails
     * @throws IllegalArgumentException for another data type
     */
    public static void write(INDArray array, OutputStream out) throws IOException {
        NpyHeader header = NpyHeader.of(array.dataType(), array.shape());
        out.write(encodeHeader(header));
        if (array.length() == 0) {
            return;
        }
        try (INDArray c = array.dup('c')) {
            if (header.dataType() == DataType.DOUBLE) {
                writeDoubles(Arrays.copyOf(c.data().asDouble(), (int) c.length()), out);
            } else {
                writeFloats(Arrays.copyOf(c.data().asFloat(), (int) c.length()), out);
            }
        }
    }

    /**
     * The bytes of an array's {@code .npy} file, header and data.
     *
     * @param type {@link DataType#DOUBLE} or {@link DataType#FLOAT}
     * @param shape the array's shape
     * @return the length {@link #write} gives
     * @throws IllegalArgumentException for another data type
     */
    static long length(DataType type, long[] shape) {
        long elements = 1;
        for (long size : shape) {
            elements = Math.multiplyExact(elements, size);
        }
        NpyHeader header = NpyHeader.of(type, shape);
        int unpadded = PREAMBLE_V1 + header.dictionaryText().length() + 1;
        long headerBytes = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        return headerBytes + elements * (type == DataType.DOUBLE ? Double.BYTES : Float.BYTES);
    }

    /**
     * The magic string, version 1.0 and the padded header, everything that precedes the data.
     *
     * @param header the header to encode
     * @return a byte array whose length is a multiple of 64
     * @throws IllegalArgumentException if the header does not fit in version 1.0 (65535 bytes)
     */
    private static byte[] encodeHeader(NpyHeader header) {
        String dict = header.dictionaryText();
        int unpadded = PREAMBLE_V1 + dict.length() + 1;
        int total = (unpadded + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        int headerLength = total - PREAMBLE_V1;
        if (headerLength > 0xFFFF) {
            throw new IllegalArgumentException("header too long for .npy version 1.0: " + headerLength);
        }
        String text = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        buffer.put(text.getBytes(StandardCharsets.US_ASCII));
        return buffer.array();
    }

    /**
     * Reads an array from {@code .npy} bytes.
     *
     * @param npy the whole file content
     * @param source what to name in error messages, e.g. the file name
     * @return a new C-order array of the file's dtype and shape
     * @throws ModelFileException if the bytes are not a valid {@code .npy} of a supported dtype, or
     *     if the data is shorter or longer than the shape says
     */
    public static INDArray fromBytes(byte[] npy, String source) throws ModelFileException {
        try {
            InputStream in = new ByteArrayInputStream(npy);
            NpyHeader header = readHeader(in, source);
            INDArray array = readData(header, in, source);
            int extra = in.available();
            if (extra > 0) {
                array.close();
                throw new ModelFileException(source + ": " + extra + " bytes after the data of shape "
                        + header.shapeText() + " '" + header.descr() + "', expected none");
            }
            return array;
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the magic string, version and header, leaving the stream at the first data byte.
     *
     * @param in the stream, at the start of the file
     * @param source what to name in error messages
     * @return the header
     * @throws ModelFileException if the magic string, version or header is wrong, or the dtype is
     *     neither {@code <f8} nor {@code <f4}
     * @throws IOException if reading fails
     */
    public static NpyHeader readHeader(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ModelFileException(source + ": not a .npy array (bad magic "
                    + printable(magic) + ", expected \\x93NUMPY)");
        }
        byte[] version = in.readNBytes(2);
        if (version.length < 2 || version[0] < 1 || version[0] > 3 || version[1] != 0) {
            throw new ModelFileException(source + ": unsupported .npy version "
                    + (version.length < 2 ? "(truncated)" : version[0] + "." + version[1])
                    + ", expected 1.0, 2.0 or 3.0");
        }
        int lengthBytes = version[0] == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new ModelFileException(source + ": .npy header truncated");
        }
        ByteBuffer length = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? Short.toUnsignedInt(length.getShort())
                : Integer.toUnsignedLong(length.getInt());
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new ModelFileException(source + ": .npy header of " + headerLength
                    + " bytes, expected at most " + MAX_HEADER_LENGTH);
        }
        byte[] text = in.readNBytes((int) headerLength);
        if (text.length < headerLength) {
            throw new ModelFileException(source + ": .npy header truncated: expected "
                    + headerLength + " bytes, got " + text.length);
        }
        return NpyHeaderParser.parse(new String(text, version[0] == 3
                ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), source);
    }

    /**
     * Reads exactly the data the header describes. Memory grows with the bytes actually read,
     * so a header that claims a huge shape over a short stream fails without a huge allocation.
     *
     * @param header the header, as returned by {@link #readHeader}
     * @param in the stream, at the first data byte
     * @param source what to name in error messages
     * @return a new C-order array of the header's dtype and shape
     * @throws ModelFileException if the stream ends early or the array is too large
     * @throws IOException if reading fails
     */
    public static INDArray readData(NpyHeader header, InputStream in, String source) throws IOException {
        long expected;
        try {
            expected = header.dataLength();
        } catch (ArithmeticException e) {
            throw new ModelFileException(source + ": shape " + header.shapeText() + " is too large");
        }
        if (expected > Integer.MAX_VALUE - 16) {
            throw new ModelFileException(source + ": shape " + header.shapeText() + " '"
                    + header.descr() + "' needs " + expected + " bytes, more than this reader supports");
        }
        byte[] data = in.readNBytes((int) expected);
        if (data.length < expected) {
            throw new ModelFileException(source + ": data length " + data.length
                    + " bytes does not match shape " + header.shapeText() + " '" + header.descr()
                    + "', expected " + expected + " bytes");
        }
        return toArray(header, data);
    }

    private static INDArray toArray(NpyHeader header, byte[] data) {
        long[] shape = header.shape();
        if (header.elementCount() == 0) {
            return Nd4j.create(header.dataType(), shape);
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) header.elementCount();
        char order = header.fortranOrder() ? 'f' : 'c';
        INDArray array;
        if (header.dataType() == DataType.DOUBLE) {
            double[] values = new double[n];
            buffer.asDoubleBuffer().get(values);
            array = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, order);
        } else {
            float[] values = new float[n];
            buffer.asFloatBuffer().get(values);
            array = shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, order);
        }
        if (order == 'c') {
            return array;
        }
        INDArray c = array.dup('c');
        array.close();
        return c;
    }

    private static void writeDoubles(double[] values, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK) {
            int end = Math.min(values.length, start + CHUNK);
            buffer.clear();
            buffer.asDoubleBuffer().put(values, start, end - start);
            out.write(buffer.array(), 0, (end - start) * Double.BYTES);
        }
    }

    private static void writeFloats(float[] values, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < values.length; start += CHUNK) {
            int end = Math.min(values.length, start + CHUNK);
            buffer.clear();
            buffer.asFloatBuffer().put(values, start, end - start);
            out.write(buffer.array(), 0, (end - start) * Float.BYTES);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            s.append(c >= 0x20 && c < 0x7F && c != '\\' ? String.valueOf((char) c)
                    : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}

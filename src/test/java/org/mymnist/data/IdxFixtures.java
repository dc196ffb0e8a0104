package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Tiny IDX files built byte by byte for the tests. */
final class IdxFixtures {

    private IdxFixtures() {
    }

    /**
     * The bytes of an IDX file.
     *
     * @param type the type byte (0x08 for unsigned bytes)
     * @param dimensions the dimensions written in the header
     * @param data the bytes after the header, whatever the header says
     */
    static byte[] idx(int type, int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dimensions.length);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        return buffer.put(data).array();
    }

    /** A valid IDX file of unsigned bytes whose data are {@code 0, 1, 2, ...} (modulo 256). */
    static byte[] counting(int... dimensions) {
        long count = 1;
        for (int size : dimensions) {
            count *= size;
        }
        byte[] data = new byte[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        return idx(0x08, dimensions, data);
    }

    /** An images file of {@code count} images of {@code rows x columns} pixels of the given values. */
    static byte[] images(int count, int rows, int columns, int... pixels) {
        byte[] data = new byte[count * rows * columns];
        for (int i = 0; i < pixels.length; i++) {
            data[i] = (byte) pixels[i];
        }
        return idx(0x08, new int[] {count, rows, columns}, data);
    }

    /** A labels file holding the given labels. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(0x08, new int[] {labels.length}, data);
    }

    /** The bytes gzip-compressed. */
    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first {@code length} bytes. */
    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** Writes the bytes to {@code folder/name} and returns that path. */
    static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    /** Asserts that the message of {@code e} contains every one of {@code parts}. */
    static void assertMessage(Throwable e, String... parts) {
        String message = e.getMessage();
        for (String part : parts) {
            assertTrue(message != null && message.contains(part),
                    () -> "message lacks \"" + part + "\": " + message);
        }
    }
}

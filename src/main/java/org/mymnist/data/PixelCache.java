package org.mymnist.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.javacpp.indexer.Indexer;
import org.mymnist.files.AtomicFile;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scaled pixels of an image file ({@code byte / 255}, in {@code float64} or {@code float32}) kept
 * on disk as the network reads them, beside the file: {@code train-images-idx3-ubyte.double.pixels}.
 * A class's install ({@code scripts/install-class.sh}) writes them once; each kernel then maps the file
 * instead of decoding the images into memory of its own, so that the kernels of a whole class share
 * one copy in the page cache. The mapping is private: a notebook that writes into the array gets its
 * own copy of the pages it writes, and the file stays as it is.
 *
 * <p>The file is a text header of {@value #HEADER_BYTES} bytes ({@code key=value} lines: the source
 * file's name, size and modification time, the type, the image count and size), then the values,
 * little-endian. A cache whose header does not match the image file beside it, or whose size is not
 * what the header says, is not used: the images are decoded as without a cache.
 */
public final class PixelCache {

    /** The header's size: the values start on a page boundary. */
    static final int HEADER_BYTES = 4096;

    private static final String MAGIC = "my-mnist pixels 1";

    private PixelCache() {
    }

    /**
     * Writes the caches of both image files of a folder, in {@code float64} and {@code float32}.
     *
     * @param args the MNIST folder (the files must be there)
     * @throws IOException if a file cannot be read or a cache written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp my-mnist.jar " + PixelCache.class.getName() + " MNIST_FOLDER");
            System.exit(2);
        }
        MnistFiles files = MnistFiles.inFolder(Path.of(args[0]));
        for (MnistFile which : new MnistFile[] {MnistFile.TRAIN_IMAGES, MnistFile.TEST_IMAGES}) {
            IdxFile images = IdxFile.read(files.path(which), which.rank());
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                try (INDArray scaled = MnistData.scaled(images, type)) {
                    Path written = write(files.path(which), type, scaled);
                    System.out.println(written + ": " + Files.size(written) / (1024 * 1024) + " MiB");
                }
            }
        }
    }

    /**
     * The cache file of an image file and a type.
     *
     * @param source the image file ({@code .gz} or not)
     * @param type {@code DOUBLE} or {@code FLOAT}
     * @return the path beside it
     */
    public static Path path(Path source, DataType type) {
        String name = source.getFileName().toString();
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        return source.resolveSibling(name + "." + type.name().toLowerCase(java.util.Locale.ROOT) + ".pixels");
    }

    /**
     * Writes the cache of an image file (a temporary file, then renamed).
     *
     * @param source the image file the pixels come from
     * @param type the type of {@code scaled}
     * @param scaled the scaled images, one row an image
     * @return the cache file written
     * @throws IOException if it cannot be written
     */
    static Path write(Path source, DataType type, INDArray scaled) throws IOException {
        checkType(type);
        if (scaled.dataType() != type || scaled.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix of " + type + ", got " + scaled.dataType()
                    + " " + java.util.Arrays.toString(scaled.shape()));
        }
        Path target = path(source, type);
        byte[] header = header(source, type, scaled.rows(), scaled.columns());
        INDArray dense = scaled.isView() || scaled.ordering() != 'c' ? scaled.dup('c') : scaled;
        long bytes = dense.length() * type.width();
        AtomicFile.write(target, out -> {
            out.write(header);
            writeValues(out, dense, type, bytes);
        });
        return target;
    }

    /**
     * The cached images, mapped from the file, or {@code null} when there is no cache that matches the
     * image file.
     *
     * @param source the image file the pixels come from
     * @param type {@code DOUBLE} or {@code FLOAT}
     * @param count the number of images
     * @param pixels the pixels of one image
     * @return a {@code count x pixels} array over the mapped file, or {@code null} (also where this JVM
     *     cannot map a file privately)
     * @throws IOException if the cache exists but cannot be read
     */
    static Mapped map(Path source, DataType type, int count, int pixels) throws IOException {
        checkType(type);
        Path cache = path(source, type);
        if (!Files.isRegularFile(cache)) {
            return null;
        }
        long bytes = (long) count * pixels * type.width();
        try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.READ)) {
            if (channel.size() != HEADER_BYTES + bytes) {
                return null;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // read the whole header
            }
            if (!java.util.Arrays.equals(header.array(), header(source, type, count, pixels))) {
                return null;
            }
            long address = mapPrivately(channel, HEADER_BYTES, bytes);
            if (address == 0) {
                return null;
            }
            long values = (long) count * pixels;
            Pointer pointer;
            Indexer indexer;
            if (type == DataType.DOUBLE) {
                DoublePointer doubles = new DoublePointer(new PagedPointer(address));
                doubles.capacity(values);
                pointer = doubles;
                indexer = DoubleIndexer.create(doubles);
            } else {
                FloatPointer floats = new FloatPointer(new PagedPointer(address));
                floats.capacity(values);
                pointer = floats;
                indexer = FloatIndexer.create(floats);
            }
            DataBuffer buffer = Nd4j.createBuffer(pointer, type, values, indexer);
            return new Mapped(Nd4j.create(buffer, new long[] {count, pixels}, new long[] {pixels, 1}, 0, 'c', type),
                    address, bytes);
        }
    }

    /**
     * Images mapped from a cache file, and how to unmap them.
     *
     * @param images the array over the mapping
     * @param address where the mapping starts
     * @param bytes its length
     */
    record Mapped(INDArray images, long address, long bytes) {
        /** Unmaps the file: the array must not be used afterwards. */
        void unmap() {
            images.close();
            try {
                Method unmap0 = Class.forName("sun.nio.ch.FileChannelImpl").getDeclaredMethod("unmap0", long.class, long.class);
                unmap0.setAccessible(true);
                unmap0.invoke(null, address, bytes);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // left mapped until the JVM exits: clean pages of a file, given back under memory pressure
            }
        }
    }

    /**
     * Maps part of a file privately (copy-on-write) from a channel open for reading only, or returns 0
     * where this JVM cannot. {@link FileChannel#map} asks for a channel open for writing before it maps
     * privately, which a student's kernel cannot have on the class's read-only file; the operating
     * system needs no such thing, and JDK 17's {@code FileChannelImpl.map0} maps without asking (it
     * needs {@code --add-opens java.base/sun.nio.ch}, which the kernel spec and the jar's manifest give).
     */
    private static long mapPrivately(FileChannel channel, long position, long bytes) {
        try {
            Class<?> impl = channel.getClass();
            Method map0 = impl.getDeclaredMethod("map0", int.class, long.class, long.class, boolean.class);
            Field privately = impl.getDeclaredField("MAP_PV");
            map0.setAccessible(true);
            privately.setAccessible(true);
            return (long) map0.invoke(channel, privately.getInt(null), position, bytes, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }

    private static void writeValues(OutputStream out, INDArray dense, DataType type, long bytes) throws IOException {
        BytePointer all = new BytePointer(dense.data().pointer());
        all.capacity(bytes);
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 20);
        byte[] chunk = new byte[1 << 20];
        ByteOrder order = ByteOrder.nativeOrder();
        if (order != ByteOrder.LITTLE_ENDIAN) {
            throw new IOException("the pixel cache is little-endian, and this machine is " + order);
        }
        for (long at = 0; at < bytes; at += chunk.length) {
            int n = (int) Math.min(chunk.length, bytes - at);
            all.position(at).get(chunk, 0, n);
            buffered.write(chunk, 0, n);
        }
        buffered.flush();
    }

    /** The header: what the cache was made from, padded with newlines to {@link #HEADER_BYTES}. */
    private static byte[] header(Path source, DataType type, long count, long pixels) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", source.getFileName().toString());
        fields.put("source_bytes", String.valueOf(Files.size(source)));
        fields.put("source_modified_ms", String.valueOf(Files.getLastModifiedTime(source).toMillis()));
        fields.put("type", type.name());
        fields.put("images", String.valueOf(count));
        fields.put("pixels", String.valueOf(pixels));
        fields.put("values", "byte / 255, little-endian, from byte " + HEADER_BYTES);
        StringBuilder text = new StringBuilder(MAGIC).append('\n');
        fields.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > HEADER_BYTES) {
            throw new IOException(source + ": the pixel cache's header would take " + bytes.length + " bytes");
        }
        byte[] padded = new byte[HEADER_BYTES];
        java.util.Arrays.fill(padded, (byte) '\n');
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return padded;
    }

    private static void checkType(DataType type) {
        if (type != DataType.DOUBLE && type != DataType.FLOAT) {
            throw new IllegalArgumentException("the pixel cache holds DOUBLE or FLOAT values, not " + type);
        }
    }
}

package org.mymnist.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.mymnist.files.FileKind;

/**
 * The contents of an IDX file of unsigned bytes, the format of the MNIST files: a magic number
 * ({@code 00 00 08 rank}), {@code rank} big-endian 32-bit dimensions, then the product of the
 * dimensions in bytes, row-major. The file may be raw or gzip-compressed (a name ending in
 * {@code .gz}, or the gzip magic bytes {@code 1f 8b}).
 *
 * <p>Reading is strict: the magic number, the rank the caller expects and the exact number of data
 * bytes are checked, and a header that promises more data than the file holds, or than a Java array
 * can hold, is rejected before anything is allocated for it; the buffer of a gzip file grows with
 * the bytes that really arrive, not with what the header claims. Trailing bytes are refused after
 * a raw file and after a gzip stream alike. Each failure is an {@link IdxFormatException} that
 * names the file, the field, what was expected and what was found; anything but a regular file
 * (directory, named pipe, device, broken link) is refused before it is opened.
 */
public final class IdxFile {

    /** The IDX type byte of unsigned bytes, the only type this reader accepts. */
    public static final int UNSIGNED_BYTE = 0x08;

    /** The largest number of data bytes a file may hold: the largest array most JVMs allocate. */
    public static final int MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int FIRST_CHUNK = 1 << 20;
    private static final int STREAM_BUFFER = 1 << 16;

    private final Path file;
    private final int[] dimensions;
    private final byte[] data;

    private IdxFile(Path file, int[] dimensions, byte[] data) {
        this.file = file;
        this.dimensions = dimensions;
        this.data = data;
    }

    /**
     * Reads a whole IDX file of unsigned bytes.
     *
     * @param file the file, raw or gzip-compressed
     * @param expectedRank the number of dimensions the file must have: 3 for images (count, rows,
     *     columns), 1 for labels
     * @return the file's dimensions and data
     * @throws IdxFormatException if the file is not an IDX file of unsigned bytes of that rank, or
     *     does not hold exactly the bytes its header announces
     * @throws IOException if the file cannot be read
     */
    public static IdxFile read(Path file, int expectedRank) throws IOException {
        checkRank(expectedRank);
        try (InputStream in = openUncompressed(file)) {
            boolean compressed = in instanceof GzipInput;
            int[] dimensions = readHeader(file, in, expectedRank);
            int headerBytes = headerBytes(expectedRank);
            int dataBytes = dataBytes(file, dimensions, headerBytes);
            if (!compressed) {
                checkRawFileSize(file, dimensions, headerBytes, dataBytes);
            }
            byte[] data = readData(file, in, dimensions, headerBytes, dataBytes, compressed);
            return new IdxFile(file, dimensions, data);
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /**
     * Reads and checks only the header of an IDX file of unsigned bytes, to learn its dimensions
     * before its data are read (and memory is given to them).
     *
     * @param file the file, raw or gzip-compressed
     * @param expectedRank the number of dimensions the file must have
     * @return its dimensions, first (the number of items) to last
     * @throws IdxFormatException if the header is not that of an IDX file of unsigned bytes of that
     *     rank, or announces more bytes than a Java array holds
     * @throws IOException if the file cannot be read
     */
    public static int[] readDimensions(Path file, int expectedRank) throws IOException {
        checkRank(expectedRank);
        try (InputStream in = openUncompressed(file)) {
            int[] dimensions = readHeader(file, in, expectedRank);
            dataBytes(file, dimensions, headerBytes(expectedRank));
            return dimensions;
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw readError(file, e);
        }
    }

    /**
     * Opens a file for reading its uncompressed bytes: through a strict gzip decoder
     * ({@link GzipInput}) when its name ends in {@code .gz} or it starts with the gzip magic
     * bytes, as is otherwise. Anything but a regular file (a directory, a named pipe, a device, a
     * broken link) is refused before it is opened, so that nothing blocks.
     *
     * @param file the file
     * @return a stream of the uncompressed bytes, which the caller closes
     * @throws IdxFormatException if the file is not a regular file, or not a gzip file although its
     *     name ends in {@code .gz}
     * @throws IOException if the file cannot be opened
     */
    static InputStream openUncompressed(Path file) throws IOException {
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.MISSING) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (kind != FileKind.REGULAR) {
            throw new IdxFormatException(file, "file type", "a regular file (an IDX file, raw or .gz)",
                    kind.description());
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER);
        try {
            boolean compressed = hasGzipName(file) || startsWithGzipMagic(raw);
            return compressed ? new GzipInput(file, raw) : raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * Where two files' uncompressed bytes first differ: for a raw file and its {@code .gz} twin.
     *
     * @param a a file, raw or gzip-compressed
     * @param b another
     * @return the offset of the first byte that differs (the shorter one's length if one is a
     *     prefix of the other), or -1 if they hold the same bytes
     * @throws IOException if a file cannot be read or is not valid gzip data
     */
    static long firstDifference(Path a, Path b) throws IOException {
        try (InputStream x = openUncompressed(a); InputStream y = openUncompressed(b)) {
            byte[] bx = new byte[STREAM_BUFFER];
            byte[] by = new byte[STREAM_BUFFER];
            long offset = 0;
            while (true) {
                int nx = readFully(x, bx, 0, bx.length);
                int ny = readFully(y, by, 0, by.length);
                int mismatch = Arrays.mismatch(bx, 0, nx, by, 0, ny);
                if (mismatch >= 0) {
                    return offset + mismatch;
                }
                if (nx < bx.length) {
                    return -1;
                }
                offset += nx;
            }
        } catch (IdxFormatException e) {
            throw e;
        } catch (IOException e) {
            throw readError(a, e);
        }
    }

    /** A read error as one line that names the file and says what went wrong, in words. */
    private static IOException readError(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new AccessDeniedException(file.toString(), null, "permission denied: cannot read it");
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        return new IOException(file + ": cannot read it" + (reason == null ? "" : " (" + reason + ")"), e);
    }

    private static void checkRank(int expectedRank) {
        if (expectedRank < 1 || expectedRank > 255) {
            throw new IllegalArgumentException("an IDX rank is between 1 and 255, not " + expectedRank);
        }
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** The number of dimensions. */
    public int rank() {
        return dimensions.length;
    }

    /**
     * One dimension.
     *
     * @param i from 0 (the number of items) to {@link #rank()} - 1
     * @return the size of that dimension
     */
    public int dimension(int i) {
        return dimensions[i];
    }

    /** All dimensions, first (the number of items) to last; a new array. */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** The number of items: images or labels (the first dimension). */
    public int count() {
        return dimensions[0];
    }

    /** The number of bytes of one item: the product of the dimensions after the first (784 for MNIST images). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dimensions.length; i++) {
            size *= dimensions[i];
        }
        return size;
    }

    /**
     * One data byte as the unsigned value it stands for.
     *
     * @param index from 0 to {@code count() * itemSize() - 1}, in file order
     * @return the value, 0 to 255
     */
    public int unsignedByte(int index) {
        return data[index] & 0xff;
    }

    /**
     * The data bytes in file order (row-major), each to be read as unsigned ({@code b & 0xff}).
     * The array is shared, not copied, so that a 47 MB file is not held twice: do not modify it.
     */
    public byte[] bytes() {
        return data;
    }

    private static boolean hasGzipName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    private static boolean startsWithGzipMagic(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == GZIP_MAGIC_0 && second == GZIP_MAGIC_1;
    }

    private static int headerBytes(int rank) {
        return 4 + 4 * rank;
    }

    private static int[] readHeader(Path file, InputStream in, int expectedRank) throws IOException {
        byte[] magic = new byte[4];
        int got = readFully(in, magic, 0, magic.length);
        if (got < magic.length) {
            throw new IdxFormatException(file, "magic", "a 4-byte magic number (00 00 08 "
                    + hex(expectedRank) + ")", "only " + got + " bytes in the file (truncated)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(file, "magic", "0x00 0x00 as the first two bytes of an IDX file",
                    hex(magic[0]) + " " + hex(magic[1]));
        }
        int type = magic[2] & 0xff;
        if (type != UNSIGNED_BYTE) {
            throw new IdxFormatException(file, "magic (type byte)", hex(UNSIGNED_BYTE) + " (unsigned byte)",
                    hex(type) + " (" + typeName(type) + ")");
        }
        int rank = magic[3] & 0xff;
        if (rank != expectedRank) {
            throw new IdxFormatException(file, "dimension count", String.valueOf(expectedRank),
                    String.valueOf(rank));
        }
        byte[] sizes = new byte[4 * rank];
        got = readFully(in, sizes, 0, sizes.length);
        if (got < sizes.length) {
            throw new IdxFormatException(file, "dimension " + (got / 4), "a 4-byte size ("
                    + headerBytes(rank) + "-byte header)", "end of file (truncated)");
        }
        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++) {
            int size = ((sizes[4 * i] & 0xff) << 24) | ((sizes[4 * i + 1] & 0xff) << 16)
                    | ((sizes[4 * i + 2] & 0xff) << 8) | (sizes[4 * i + 3] & 0xff);
            if (size < 0) {
                throw new IdxFormatException(file, "dimension " + i, "a size from 0 to "
                        + Integer.MAX_VALUE, Integer.toUnsignedString(size));
            }
            dimensions[i] = size;
        }
        return dimensions;
    }

    private static int dataBytes(Path file, int[] dimensions, int headerBytes) throws IdxFormatException {
        long product = 1;
        boolean overflow = false;
        for (int size : dimensions) {
            try {
                product = Math.multiplyExact(product, size);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        if (overflow || product > MAX_DATA_BYTES) {
            throw new IdxFormatException(file, "byte count", "at most " + MAX_DATA_BYTES
                    + " data bytes (the largest Java array)", "a header announcing "
                    + (overflow ? "more than " + Long.MAX_VALUE : String.valueOf(product))
                    + " (" + shape(dimensions) + ")");
        }
        return (int) product;
    }

    private static void checkRawFileSize(Path file, int[] dimensions, int headerBytes, int dataBytes)
            throws IOException {
        long expected = (long) headerBytes + dataBytes;
        long size = Files.size(file);
        if (size < expected) {
            throw new IdxFormatException(file, "byte count", byteCount(expected, headerBytes, dimensions),
                    size + " (truncated: " + (expected - size) + " bytes missing)");
        }
        if (size > expected) {
            throw new IdxFormatException(file, "byte count", byteCount(expected, headerBytes, dimensions),
                    size + " (" + (size - expected) + " trailing bytes)");
        }
    }

    private static byte[] readData(Path file, InputStream in, int[] dimensions, int headerBytes,
            int dataBytes, boolean compressed) throws IOException {
        long expected = (long) headerBytes + dataBytes;
        // For a raw file the size is already checked. For a gzip stream the size is unknown until
        // it is read, so the buffer grows with what actually arrives instead of trusting the header.
        byte[] data = new byte[compressed ? Math.min(dataBytes, FIRST_CHUNK) : dataBytes];
        int filled = 0;
        while (true) {
            int got;
            got = readFully(in, data, filled, data.length - filled);
            filled += got;
            if (filled < data.length) {
                throw new IdxFormatException(file, "byte count", byteCount(expected, headerBytes, dimensions),
                        (headerBytes + (long) filled) + " (truncated: " + (expected - headerBytes - filled)
                                + " bytes missing)" + (compressed ? " after decompression" : ""));
            }
            if (filled == dataBytes) {
                break;
            }
            data = Arrays.copyOf(data, (int) Math.min(dataBytes, 2L * data.length));
        }
        long trailing = countRemaining(in);
        if (trailing > 0) {
            throw new IdxFormatException(file, "byte count", byteCount(expected, headerBytes, dimensions),
                    (expected + trailing) + " (" + trailing + " trailing bytes)"
                            + (compressed ? " after decompression" : ""));
        }
        return data;
    }

    private static String byteCount(long expected, int headerBytes, int[] dimensions) {
        return expected + " bytes (" + headerBytes + "-byte header + " + shape(dimensions) + " data bytes)";
    }

    private static String shape(int[] dimensions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < dimensions.length; i++) {
            text.append(i == 0 ? "" : " x ").append(dimensions[i]);
        }
        return text.toString();
    }

    private static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int got = in.read(buffer, offset + total, length - total);
            if (got < 0) {
                break;
            }
            total += got;
        }
        return total;
    }

    private static long countRemaining(InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long count = 0;
        int got;
        while ((got = in.read(scratch)) >= 0) {
            count += got;
        }
        return count;
    }

    private static String hex(int value) {
        return String.format("0x%02X", value & 0xff);
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x08: return "unsigned byte";
            case 0x09: return "signed byte";
            case 0x0B: return "short";
            case 0x0C: return "int";
            case 0x0D: return "float";
            case 0x0E: return "double";
            default: return "not an IDX type";
        }
    }
}

package org.mymnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The uncompressed bytes of a gzip file (RFC 1952), read strictly: every member's header, deflate
 * data, CRC-32 and length are checked, members may follow one another (as {@code cat a.gz b.gz}
 * makes), and anything else after the last member is refused, as trailing bytes after a raw IDX
 * file are ({@link java.util.zip.GZIPInputStream} ignores them). Errors are
 * {@link IdxFormatException}s that name the file and the part of the gzip format at fault; memory
 * is one fixed buffer, whatever the data claim.
 */
final class GzipInput extends InputStream {

    private static final int BUFFER = 1 << 16;
    private static final int FTEXT_FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED = 0xE0;

    private final Path file;
    private final PushbackInputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[BUFFER];
    private int lastInput;
    private long memberBytes;
    private long compressedBytes;
    private boolean end;

    /**
     * Starts reading a gzip file: reads and checks the first member's header.
     *
     * @param file the file, named in errors
     * @param raw its bytes, from the first; closed with this stream
     * @throws IdxFormatException if the file is empty or does not start with a gzip header
     * @throws IOException if reading fails
     */
    GzipInput(Path file, InputStream raw) throws IOException {
        this.file = file;
        this.in = new PushbackInputStream(raw, BUFFER);
        int first = in.read();
        if (first < 0) {
            throw new IdxFormatException(file, "gzip header", "a gzip file (a name ending in .gz)",
                    "an empty file (0 bytes)");
        }
        in.unread(first);
        header();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!end) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new IdxFormatException(file, "gzip data", "valid compressed (deflate) data",
                        "damaged data within the first " + (compressedBytes + lastInput) + " bytes of the file");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                int remaining = inflater.getRemaining();
                in.unread(buffer, lastInput - remaining, remaining);
                compressedBytes += lastInput - remaining;
                lastInput = 0;
                trailer();
                nextMemberOrEnd();
            } else if (inflater.needsDictionary()) {
                throw new IdxFormatException(file, "gzip data", "deflate data without a preset dictionary",
                        "data that needs one");
            } else if (inflater.needsInput()) {
                compressedBytes += lastInput;
                lastInput = in.read(buffer, 0, buffer.length);
                if (lastInput < 0) {
                    lastInput = 0;
                    throw new IdxFormatException(file, "gzip data", "a complete gzip stream",
                            "a file that ends after " + compressedBytes + " bytes, in the middle of the"
                                    + " compressed data (truncated)");
                }
                inflater.setInput(buffer, 0, lastInput);
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    private void header() throws IOException {
        int id1 = in.read();
        int id2 = in.read();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new IdxFormatException(file, "gzip header", "the gzip magic bytes 0x1F 0x8B (the name ends in .gz)",
                    id2 < 0 ? "a file too short for a gzip header" : String.format("0x%02X 0x%02X", id1, id2));
        }
        compressedBytes += 2;
        int method = need("gzip header");
        if (method != 8) {
            throw new IdxFormatException(file, "gzip header (compression method)", "8 (deflate)",
                    String.valueOf(method));
        }
        int flags = need("gzip header");
        if ((flags & RESERVED) != 0) {
            throw new IdxFormatException(file, "gzip header (flags)", "no reserved bit set",
                    String.format("0x%02X", flags));
        }
        skip(6, "gzip header"); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            int length = need("gzip header (extra field)") | need("gzip header (extra field)") << 8;
            skip(length, "gzip header (extra field)");
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated("gzip header (file name)");
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated("gzip header (comment)");
        }
        if ((flags & FTEXT_FHCRC) != 0) {
            skip(2, "gzip header (header CRC)");
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
    }

    private void trailer() throws IOException {
        long expectedCrc = int32("gzip trailer (CRC-32)");
        long expectedSize = int32("gzip trailer (size)");
        if (expectedCrc != crc.getValue()) {
            throw new IdxFormatException(file, "gzip trailer (CRC-32)", String.format("%08x, the checksum of"
                    + " the data", crc.getValue()), String.format("%08x (damaged data)", expectedCrc));
        }
        if (expectedSize != (memberBytes & 0xffffffffL)) {
            throw new IdxFormatException(file, "gzip trailer (size)", (memberBytes & 0xffffffffL)
                    + ", the size of the data", expectedSize + " (damaged data)");
        }
    }

    private void nextMemberOrEnd() throws IOException {
        int first = in.read();
        if (first < 0) {
            end = true;
            return;
        }
        int second = in.read();
        if (first == 0x1f && second == 0x8b) {
            in.unread(second);
            in.unread(first);
            header();
            return;
        }
        long trailing = 1 + (second < 0 ? 0 : 1);
        byte[] scratch = new byte[8192];
        int got;
        while ((got = in.read(scratch)) >= 0) {
            trailing += got;
        }
        throw new IdxFormatException(file, "byte count", "nothing after the gzip stream's end (byte "
                + compressedBytes + ")", trailing + " trailing bytes that are not gzip data");
    }

    private int need(String field) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IdxFormatException(file, field, "a complete gzip header and trailer",
                    "end of file (truncated)");
        }
        compressedBytes++;
        return b;
    }

    private long int32(String field) throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) need(field) << (8 * i);
        }
        return value;
    }

    private void skip(int count, String field) throws IOException {
        for (int i = 0; i < count; i++) {
            need(field);
        }
    }

    private void skipZeroTerminated(String field) throws IOException {
        while (need(field) != 0) {
            // skip the text
        }
    }
}

package org.mymnist.modelfile;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The content of one zip entry, read no further than the size the archive declares and checked
 * against the declared CRC-32 at the end ({@link ZipFile} itself does not check it). A zip bomb
 * that inflates beyond its declared size is cut off instead of filling memory.
 */
final class EntryInput extends InputStream {

    private final InputStream in;
    private final ZipEntry entry;
    private final String source;
    private final CRC32 crc = new CRC32();
    private long count;

    /**
     * Opens an entry.
     *
     * @param zip the archive
     * @param entry the entry, whose size and CRC come from the central directory
     * @param source the prefix of error messages, e.g. {@code demo.zip: layers/0.weight.npy}
     * @throws IOException if the entry cannot be opened
     */
    EntryInput(ZipFile zip, ZipEntry entry, String source) throws IOException {
        this.in = zip.getInputStream(entry);
        this.entry = entry;
        this.source = source;
    }

    /** The number of bytes read so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long left = entry.getSize() - count;
        if (length == 0) {
            return 0;
        }
        if (left <= 0) {
            // Beyond the declared size: read a single byte to tell the end from a lie.
            int extra = in.read();
            if (extra >= 0) {
                throw new ModelFileException(source + ": corrupted entry (more data than its declared "
                        + entry.getSize() + " bytes)");
            }
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n > 0) {
            crc.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    /**
     * Checks that the whole entry was read, no more and no less than its declared size, and that
     * its CRC-32 matches.
     *
     * @throws ModelFileException if bytes are left, the entry is short, or the CRC differs
     * @throws IOException if reading fails
     */
    void verifyEnd() throws IOException {
        if (read() >= 0) {
            throw new ModelFileException(source + ": data left unread before the entry's declared end ("
                    + entry.getSize() + " bytes)");
        }
        if (count != entry.getSize()) {
            throw new ModelFileException(source + ": corrupted entry (" + count
                    + " bytes, expected " + entry.getSize() + ")");
        }
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new ModelFileException(source + String.format(
                    ": corrupted entry (CRC-32 %08x, expected %08x)", crc.getValue(), entry.getCrc()));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

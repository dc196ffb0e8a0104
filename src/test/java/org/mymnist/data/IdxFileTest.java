package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mymnist.data.IdxFixtures.assertMessage;
import static org.mymnist.data.IdxFixtures.counting;
import static org.mymnist.data.IdxFixtures.cut;
import static org.mymnist.data.IdxFixtures.gzip;
import static org.mymnist.data.IdxFixtures.idx;
import static org.mymnist.data.IdxFixtures.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path folder;

    @Test
    void readsRawFile() throws IOException {
        Path file = write(folder, "images-idx3-ubyte", counting(2, 3, 50));

        IdxFile idx = IdxFile.read(file, 3);

        assertArrayEquals(new int[] {2, 3, 50}, idx.dimensions());
        assertEquals(2, idx.count());
        assertEquals(150, idx.itemSize());
        assertEquals(300, idx.bytes().length);
        assertEquals(255, idx.unsignedByte(255));
        assertEquals(43, idx.unsignedByte(299));
    }

    @Test
    void readsGzipFileNamedGz() throws IOException {
        Path file = write(folder, "labels-idx1-ubyte.gz", gzip(counting(300)));

        IdxFile idx = IdxFile.read(file, 1);

        assertArrayEquals(new int[] {300}, idx.dimensions());
        assertEquals(200, idx.unsignedByte(200));
    }

    @Test
    void readsGzipFileByItsMagicBytes() throws IOException {
        Path file = write(folder, "labels-idx1-ubyte", gzip(counting(300)));

        assertEquals(299 & 0xff, IdxFile.read(file, 1).unsignedByte(299));
    }

    @Test
    void readsLargeGzipFileThatOutgrowsTheFirstBuffer() throws IOException {
        Path file = write(folder, "images.gz", gzip(counting(30, 200, 200)));

        IdxFile idx = IdxFile.read(file, 3);

        assertEquals(1_199_999 & 0xff, idx.unsignedByte(1_199_999));
    }

    @Test
    void rejectsBadMagic() throws IOException {
        byte[] bytes = counting(4);
        bytes[0] = 0x12;
        bytes[1] = 0x34;
        Path file = write(folder, "bad-magic", bytes);

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "magic", "expected 0x00 0x00", "found 0x12 0x34");
    }

    @Test
    void rejectsTypeOtherThanUnsignedByte() throws IOException {
        Path file = write(folder, "floats", idx(0x0D, new int[] {1}, new byte[4]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "magic (type byte)", "expected 0x08 (unsigned byte)",
                "found 0x0D (float)");
    }

    @Test
    void rejectsWrongRank() throws IOException {
        Path file = write(folder, "images-as-labels", counting(2, 2, 2));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "dimension count: expected 1, found 3");
    }

    @Test
    void rejectsHeaderCutInsideTheDimensions() throws IOException {
        Path file = write(folder, "short-header", cut(counting(2, 2, 2), 10));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 3));

        assertMessage(e, file.toString(), "dimension 1", "16-byte header", "truncated");
    }

    @Test
    void rejectsNegativeDimension() throws IOException {
        Path file = write(folder, "negative", idx(0x08, new int[] {1, -1, 1}, new byte[0]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 3));

        assertMessage(e, file.toString(), "dimension 1", "expected a size from 0 to 2147483647",
                "found 4294967295");
    }

    @Test
    void rejectsTruncatedRawFile() throws IOException {
        Path file = write(folder, "truncated", cut(counting(2, 3, 4), 30));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 3));

        assertMessage(e, file.toString(), "byte count", "expected 40 bytes (16-byte header + 2 x 3 x 4",
                "found 30 (truncated: 10 bytes missing)");
    }

    @Test
    void rejectsTrailingBytesInRawFile() throws IOException {
        Path file = write(folder, "trailing", idx(0x08, new int[] {3}, new byte[5]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "byte count", "expected 11 bytes", "found 13 (2 trailing bytes)");
    }

    @Test
    void rejectsTruncatedGzipData() throws IOException {
        Path file = write(folder, "truncated.gz", gzip(cut(counting(2, 3, 4), 30)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 3));

        assertMessage(e, file.toString(), "byte count", "expected 40 bytes", "found 30 (truncated");
    }

    @Test
    void rejectsTrailingBytesInGzipData() throws IOException {
        Path file = write(folder, "trailing.gz", gzip(idx(0x08, new int[] {3}, new byte[5])));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "byte count", "expected 11 bytes", "found 13 (2 trailing bytes)");
    }

    @Test
    void rejectsCutGzipStream() throws IOException {
        byte[] compressed = gzip(counting(2, 30, 30));
        Path file = write(folder, "cut.gz", cut(compressed, compressed.length / 2));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 3));

        assertMessage(e, file.toString(), "truncated");
    }

    @Test
    void rejectsHeaderClaimingMoreBytesThanAnArrayHolds() throws IOException {
        Path file = write(folder, "billions-of-images", idx(0x08, new int[] {2_000_000_000, 28, 28}, new byte[10]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 3));

        assertMessage(e, file.toString(), "byte count", "expected at most 2147483639 data bytes",
                "1568000000000 (2000000000 x 28 x 28)");
    }

    @Test
    void rejectsRawHeaderClaimingMoreBytesThanTheFileHoldsBeforeAllocating() throws IOException {
        Path file = write(folder, "billions-of-labels", idx(0x08, new int[] {2_000_000_000}, new byte[10]));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "byte count", "expected 2000000008 bytes", "found 18 (truncated");
    }

    @Test
    void rejectsGzipHeaderClaimingMoreBytesThanTheStreamHoldsWithoutAllocatingThem() throws IOException {
        Path file = write(folder, "billions-of-labels.gz",
                gzip(idx(0x08, new int[] {2_000_000_000}, new byte[10])));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));

        assertMessage(e, file.toString(), "byte count", "expected 2000000008 bytes", "found 18 (truncated");
    }
}

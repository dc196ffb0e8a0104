package org.mymnist.modelfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells a zip archive from other files by their first bytes, to explain what a file is instead. */
final class ForeignFile {

    private ForeignFile() {
    }

    /**
     * Whether a file starts like a zip archive: a local file header ({@code PK\3\4}) or, for an
     * archive with no entries, an end of central directory ({@code PK\5\6}).
     *
     * @param head the first bytes of the file
     * @return true for a zip archive
     */
    static boolean looksLikeZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /**
     * What a file that is not a zip archive seems to be.
     *
     * @param head the first bytes of the file
     * @return e.g. {@code "not a zip archive; it looks like a PNG image"}
     */
    static String describe(byte[] head) {
        if (head.length == 0) {
            return "not a zip archive; the file is empty";
        }
        String kind = kind(head);
        return kind == null ? "not a zip archive" : "not a zip archive; it looks like " + kind;
    }

    /**
     * The first bytes of a file.
     *
     * @param file the file
     * @param n how many bytes at most
     * @return up to {@code n} bytes
     * @throws IOException if the file cannot be read
     */
    static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    private static String kind(byte[] head) {
        int b0 = head[0] & 0xFF;
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (b0 == 0x80 && head.length > 1 && head[1] >= 2 && head[1] <= 5) {
            return "a Python pickle";
        }
        if (startsWith(head, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return "a single .npy array, not a model archive";
        }
        if (startsWith(head, 0x1F, 0x8B)) {
            return "a gzip file";
        }
        if (b0 == '{' || b0 == '[') {
            return "JSON text";
        }
        return null;
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

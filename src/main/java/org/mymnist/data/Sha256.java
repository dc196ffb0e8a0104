package org.mymnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a stream of bytes, optionally copied to a file on the way. */
final class Sha256 {

    private static final int BUFFER = 1 << 16;

    private Sha256() {
    }

    /**
     * The SHA-256 of a file's uncompressed bytes (a gzip file is hashed after decompression).
     *
     * @param file the file
     * @return the hash in lower-case hexadecimal
     * @throws IOException if the file cannot be read
     */
    static String ofUncompressed(Path file) throws IOException {
        try (InputStream in = IdxFile.openUncompressed(file)) {
            return copy(in, OutputStream.nullOutputStream());
        }
    }

    /**
     * Copies a stream to another and hashes what passes.
     *
     * @param in the source, read to its end and not closed
     * @param out the destination, not closed
     * @return the SHA-256 of the bytes copied, in lower-case hexadecimal
     * @throws IOException if either stream fails
     */
    static String copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        int got;
        while ((got = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, got);
            out.write(buffer, 0, got);
        }
        return hex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(2 * bytes.length);
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }
}

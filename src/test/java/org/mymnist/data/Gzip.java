package org.mymnist.data;

/** {@link IdxFixtures#gzip} for the tests of other packages. */
public final class Gzip {

    private Gzip() {
    }

    /** The bytes gzip-compressed. */
    public static byte[] bytes(byte[] raw) {
        return IdxFixtures.gzip(raw);
    }
}

package org.mymnist.data;

/**
 * The four files of the MNIST data set, with the number of dimensions of each and the SHA-256 of
 * its uncompressed bytes (and their size) as published by Yann LeCun and mirrored by torchvision.
 */
public enum MnistFile {

    /** 60,000 training images of 28 x 28 pixels. */
    TRAIN_IMAGES("train-images-idx3-ubyte", 3, 47_040_016L,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    /** The 60,000 digits of the training images. */
    TRAIN_LABELS("train-labels-idx1-ubyte", 1, 60_008L, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    /** 10,000 test images of 28 x 28 pixels. */
    TEST_IMAGES("t10k-images-idx3-ubyte", 3, 7_840_016L, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    /** The 10,000 digits of the test images. */
    TEST_LABELS("t10k-labels-idx1-ubyte", 1, 10_008L, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final int rank;
    private final long size;
    private final String sha256;

    MnistFile(String fileName, int rank, long size, String sha256) {
        this.fileName = fileName;
        this.rank = rank;
        this.size = size;
        this.sha256 = sha256;
    }

    /** The standard file name, uncompressed, e.g. {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return fileName;
    }

    /** The standard file name of the gzip-compressed file, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String gzipFileName() {
        return fileName + ".gz";
    }

    /** The number of dimensions of the file: 3 for images, 1 for labels. */
    public int rank() {
        return rank;
    }

    /** The size of the standard uncompressed file in bytes: its IDX header and the data. */
    public long size() {
        return size;
    }

    /** The SHA-256 of the uncompressed file, in lower-case hexadecimal. */
    public String sha256() {
        return sha256;
    }
}

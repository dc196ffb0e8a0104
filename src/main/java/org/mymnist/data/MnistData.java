package org.mymnist.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mymnist.backend.MemoryBudget;
import org.mymnist.backend.NativeBackend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The MNIST data as the notebook prepares it: images as rows of {@code rows x columns} pixels
 * scaled to [0, 1] ({@code X / 255}), labels as one-hot rows of {@value #CLASSES}, and the raw
 * labels and test pixels for display, all in file order.
 *
 * <p>The arrays live in native memory: {@link #close()} frees them at once rather than at the next
 * garbage collection. They are shared, not copied, by the accessors: do not modify them in place.
 */
public final class MnistData implements AutoCloseable {

    static {
        NativeBackend.configure();
    }

    /** The number of classes, the digits 0 to 9: the width of the one-hot arrays. */
    public static final int CLASSES = 10;

    private final Path folder;
    private final DataType dataType;
    private final int rows;
    private final int columns;
    private final INDArray trainImages;
    private final INDArray testImages;
    private final INDArray trainOneHot;
    private final INDArray testOneHot;
    private final int[] trainLabels;
    private final int[] testLabels;
    private final byte[] testPixels;
    private final List<PixelCache.Mapped> mapped;

    private MnistData(Path folder, DataType dataType, int rows, int columns, INDArray trainImages,
            INDArray testImages, byte[] testPixels, int[] trainLabels, int[] testLabels,
            List<PixelCache.Mapped> mapped) {
        this.mapped = mapped;
        this.folder = folder;
        this.dataType = dataType;
        this.rows = rows;
        this.columns = columns;
        this.trainLabels = trainLabels;
        this.testLabels = testLabels;
        this.testPixels = testPixels;
        this.trainImages = trainImages;
        this.testImages = testImages;
        this.trainOneHot = oneHot(trainLabels, dataType);
        this.testOneHot = oneHot(testLabels, dataType);
    }

    /**
     * Locates the files (see {@link MnistFiles#locate}) and reads them as {@code double}s, as the
     * notebook does.
     *
     * @param explicitFolderOrNull a folder named by the user, read as it is, or {@code null} for
     *     the default folder, fetched into and verified
     * @return the data
     * @throws IOException if the files cannot be found, fetched or read, or do not agree
     */
    public static MnistData load(Path explicitFolderOrNull) throws IOException {
        return load(explicitFolderOrNull, DataType.DOUBLE);
    }

    /**
     * Locates the files (see {@link MnistFiles#locate}) and reads them.
     *
     * @param explicitFolderOrNull a folder named by the user, read as it is, or {@code null} for
     *     the default folder, fetched into and verified
     * @param dataType the floating-point type of the image and one-hot arrays, e.g.
     *     {@link DataType#DOUBLE} (numpy's float64) or {@link DataType#FLOAT}
     * @return the data
     * @throws IOException if the files cannot be found, fetched or read, or do not agree
     */
    public static MnistData load(Path explicitFolderOrNull, DataType dataType) throws IOException {
        checkFloatingPoint(dataType);
        return read(MnistFiles.locate(explicitFolderOrNull), dataType);
    }

    /**
     * Reads located files.
     *
     * @param files the four files
     * @param dataType the floating-point type of the image and one-hot arrays
     * @return the data
     * @throws IdxFormatException if a file is malformed or empty, a labels file does not hold one
     *     label per image, a label is not a digit, train and test images differ in size, or a raw
     *     and a {@code .gz} file are both present and differ (the message names both)
     * @throws IOException if a file cannot be read, or the data cannot fit in the memory this JVM
     *     may use (the message gives both numbers; checked from the headers, before the images are read)
     */
    public static MnistData read(MnistFiles files, DataType dataType) throws IOException {
        checkFloatingPoint(dataType);
        for (MnistFile which : MnistFile.values()) {
            checkSameData(files, which);
        }
        int[] trainLabels = labels(files, MnistFile.TRAIN_LABELS);
        int[] testLabels = labels(files, MnistFile.TEST_LABELS);
        // Headers first: a count that disagrees with the labels, or data that cannot fit, is refused
        // before any memory is given to the images.
        int[] test = imageDimensions(files, MnistFile.TEST_IMAGES, testLabels.length, MnistFile.TEST_LABELS);
        int[] train = imageDimensions(files, MnistFile.TRAIN_IMAGES, trainLabels.length, MnistFile.TRAIN_LABELS);
        Path testFile = files.path(MnistFile.TEST_IMAGES);
        Path trainFile = files.path(MnistFile.TRAIN_IMAGES);
        if (test[1] != train[1] || test[2] != train[2]) {
            throw new IdxFormatException(testFile, "dimensions 1 and 2 (rows x columns)",
                    train[1] + " x " + train[2] + " as in " + trainFile, test[1] + " x " + test[2]);
        }
        String shortfall = MemoryBudget.shortfall("the data set in " + files.folder() + " ("
                + train[0] + " + " + test[0] + " images of " + train[1] + " x " + train[2] + ")",
                heapBytes(train, test), nativeBytes(train, test, dataType));
        if (shortfall != null) {
            throw new IOException(shortfall);
        }
        IdxFile testImages = IdxFile.read(testFile, MnistFile.TEST_IMAGES.rank());
        // The images from their pixel caches where a class's install made them (one copy in the page
        // cache for every kernel; the training file itself is then not even read), else decoded.
        List<PixelCache.Mapped> mapped = new ArrayList<>();
        PixelCache.Mapped testCache = PixelCache.map(testFile, dataType, testLabels.length, test[1] * test[2]);
        PixelCache.Mapped trainCache = PixelCache.map(trainFile, dataType, trainLabels.length, train[1] * train[2]);
        INDArray testArray = testCache != null ? testCache.images() : scaled(testImages, dataType);
        INDArray trainArray = trainCache != null ? trainCache.images()
                : scaled(IdxFile.read(trainFile, MnistFile.TRAIN_IMAGES.rank()), dataType);
        for (PixelCache.Mapped m : new PixelCache.Mapped[] {testCache, trainCache}) {
            if (m != null) {
                mapped.add(m);
            }
        }
        return new MnistData(files.folder(), dataType, train[1], train[2], trainArray, testArray,
                testImages.bytes(), trainLabels, testLabels, mapped);
    }


    /** The Java heap of reading: each set's bytes as read (the test set's kept for drawing), the labels. */
    static long heapBytes(int[] train, int[] test) {
        long pixels = (long) train[1] * train[2];
        return (train[0] + (long) test[0]) * (pixels + 2 * Integer.BYTES + CLASSES);
    }

    /** The native memory of the arrays: images and one-hot labels in the type, one set's bytes while scaled. */
    static long nativeBytes(int[] train, int[] test, DataType dataType) {
        long pixels = (long) train[1] * train[2];
        long rows = train[0] + (long) test[0];
        return rows * (pixels + CLASSES) * dataType.width() + Math.max(train[0], test[0]) * pixels;
    }

    /** The folder the files were read from. */
    public Path folder() {
        return folder;
    }

    /** The type of the image and one-hot arrays. */
    public DataType dataType() {
        return dataType;
    }

    /** The number of training images (60,000 for MNIST). */
    public int trainSize() {
        return trainLabels.length;
    }

    /** The number of test images (10,000 for MNIST). */
    public int testSize() {
        return testLabels.length;
    }

    /** The training images, {@link #trainSize()} x 784, each pixel {@code byte / 255.0}. Shared: do not modify. */
    public INDArray trainImages() {
        return trainImages;
    }

    /** The test images, {@link #testSize()} x 784, each pixel {@code byte / 255.0}. Shared: do not modify. */
    public INDArray testImages() {
        return testImages;
    }

    /** The training labels one-hot, {@link #trainSize()} x {@value #CLASSES}. Shared: do not modify. */
    public INDArray trainOneHot() {
        return trainOneHot;
    }

    /** The test labels one-hot, {@link #testSize()} x {@value #CLASSES}. Shared: do not modify. */
    public INDArray testOneHot() {
        return testOneHot;
    }

    /** The training labels, digits 0 to 9, in file order; a new array. */
    public int[] trainLabels() {
        return trainLabels.clone();
    }

    /** The test labels, digits 0 to 9, in file order; a new array. */
    public int[] testLabels() {
        return testLabels.clone();
    }

    /**
     * One test image as it is in the file, for drawing.
     *
     * @param index from 0 to {@link #testSize()} - 1
     * @return the image's rows of gray levels as in the file (28 x 28 for MNIST), 0 (background) to 255
     */
    public int[][] testPixels(int index) {
        Objects.checkIndex(index, testLabels.length);
        int[][] pixels = new int[rows][columns];
        int offset = index * rows * columns;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                pixels[r][c] = testPixels[offset + r * columns + c] & 0xff;
            }
        }
        return pixels;
    }

    /** Frees the native memory of the four arrays, or unmaps their cache files; they must not be used afterwards. */
    @Override
    public void close() {
        for (PixelCache.Mapped m : mapped) {
            m.unmap();
        }
        if (!trainImages.wasClosed()) {
            trainImages.close();
        }
        if (!testImages.wasClosed()) {
            testImages.close();
        }
        trainOneHot.close();
        testOneHot.close();
    }

    private static void checkFloatingPoint(DataType dataType) {
        if (!Objects.requireNonNull(dataType, "dataType").isFPType()) {
            throw new IllegalArgumentException("images are scaled to [0, 1]: a floating-point type is needed, not "
                    + dataType);
        }
    }

    private static int[] labels(MnistFiles files, MnistFile which) throws IOException {
        IdxFile idx = IdxFile.read(files.path(which), which.rank());
        if (idx.count() == 0) {
            throw new IdxFormatException(idx.file(), "dimension 0 (label count)", "at least 1 label", "0");
        }
        int[] labels = new int[idx.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = idx.unsignedByte(i);
            if (labels[i] >= CLASSES) {
                throw new IdxFormatException(idx.file(), "label " + i, "a digit from 0 to " + (CLASSES - 1),
                        String.valueOf(labels[i]));
            }
        }
        return labels;
    }

    private static int[] imageDimensions(MnistFiles files, MnistFile which, int labelCount, MnistFile labelsFile)
            throws IOException {
        Path file = files.path(which);
        int[] dimensions = IdxFile.readDimensions(file, which.rank());
        if (dimensions[0] != labelCount) {
            throw new IdxFormatException(file, "dimension 0 (image count)",
                    labelCount + ", the number of labels in " + files.path(labelsFile), String.valueOf(dimensions[0]));
        }
        if (dimensions[1] == 0 || dimensions[2] == 0) {
            throw new IdxFormatException(file, "dimensions 1 and 2 (rows x columns)", "at least 1 x 1",
                    dimensions[1] + " x " + dimensions[2]);
        }
        return dimensions;
    }

    /** Where a raw and a .gz file are both present, they must hold the same bytes (uncompressed). */
    private static void checkSameData(MnistFiles files, MnistFile which) throws IOException {
        Path other = files.alternate(which);
        if (other == null) {
            return;
        }
        Path read = files.path(which);
        long at = IdxFile.firstDifference(read, other);
        if (at >= 0) {
            throw new IdxFormatException(other, "contents", "the same data as " + read.getFileName()
                    + " beside it (both are present, and only one is read)", "different data from byte " + at
                    + ": remove the one you do not want");
        }
    }

    /** Unsigned bytes to {@code byte / 255} in the given type, without a copy of the values on the Java heap. */
    static INDArray scaled(IdxFile images, DataType dataType) {
        try (INDArray bytes = Nd4j.create(images.bytes(), new long[] {images.count(), images.itemSize()},
                DataType.UINT8)) {
            return bytes.castTo(dataType).divi(255);
        }
    }

    private static INDArray oneHot(int[] labels, DataType dataType) {
        byte[] ones = new byte[labels.length * CLASSES];
        for (int i = 0; i < labels.length; i++) {
            ones[i * CLASSES + labels[i]] = 1;
        }
        try (INDArray bytes = Nd4j.create(ones, new long[] {labels.length, CLASSES}, DataType.UINT8)) {
            return bytes.castTo(dataType);
        }
    }
}

package org.mymnist.nn.conv;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Stage;
import org.mymnist.nn.StageGradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution: {@code filters} small filters of {@code size x size} pixels (on every input
 * channel), each slid over the whole image, one output value per position where it fits
 * ("valid", stride 1). One filter, every position: the same few weights look for the same stroke
 * everywhere.
 *
 * <p>Computed as in most libraries: {@link #im2col} unrolls the image into one row per position
 * (the pixels the filter sees there), and one matrix product with the filters, one row each,
 * gives every sum at once. The backward pass goes through the same unrolling: the gradient of the
 * rows is folded back onto the image by {@link #col2im}.
 *
 * <p>Layout, as in PyTorch: input {@code n x channels x height x width}, weights
 * {@code filters x channels x size x size}, bias {@code filters}, output
 * {@code n x filters x (height - size + 1) x (width - size + 1)}.
 */
public final class Convolution implements Stage {

    /** Channels of the input ({@code 1} for a grey image). */
    public final int channels;
    /** Number of filters, the channels of the output. */
    public final int filters;
    /** Side of each filter, in pixels. */
    public final int size;

    private final INDArray weight;
    private final INDArray bias;
    private INDArray patches;
    private long[] inputShape;

    /**
     * A convolution with the given filters and bias.
     *
     * @param weight {@code filters x channels x size x size}, copied
     * @param bias {@code filters} values (any shape of that length, the weights' data type), copied
     */
    public Convolution(INDArray weight, INDArray bias) {
        if (weight.rank() != 4 || weight.size(2) != weight.size(3)) {
            throw new IllegalArgumentException("weight must be filters x channels x size x size, got "
                    + Arrays.toString(weight.shape()));
        }
        this.filters = (int) weight.size(0);
        this.channels = (int) weight.size(1);
        this.size = (int) weight.size(2);
        if (bias.length() != filters || bias.dataType() != weight.dataType()) {
            throw new IllegalArgumentException("bias must hold " + filters + " " + weight.dataType()
                    + " values, got " + bias.length() + " " + bias.dataType());
        }
        this.weight = weight.dup('c');
        this.bias = bias.reshape(1, filters).dup('c');
    }

    /**
     * The forward pass: {@code y = im2col(x) . W^T + b}, one row per position, then back to images.
     *
     * @param x {@code n x channels x height x width}
     * @return {@code n x filters x (height - size + 1) x (width - size + 1)}
     */
    @Override
    public INDArray calculate(INDArray x) {
        long[] out = outputShape(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        long n = x.size(0);
        inputShape = x.shape();
        patches = im2col(x, size);                               // (n * oh * ow) x (channels * size * size)
        INDArray y = patches.mmul(filterRows().transpose());     // (n * oh * ow) x filters
        y.addiRowVector(bias);
        return y.reshape(n, out[1], out[2], filters).permute(0, 3, 1, 2).dup('c');
    }

    /**
     * The backward pass: {@code dW = delta^T . patches}, {@code db = sum of delta},
     * {@code dx = col2im(delta . W)}, where {@code delta} is {@code dy} with one row per position.
     *
     * @param dy {@code dL/dy}, the shape of the last output
     * @return {@code dL/dW} (the weights' shape), {@code dL/db} ({@code 1 x filters}) and {@code dL/dx}
     */
    @Override
    public StageGradient gradient(INDArray dy) {
        if (patches == null) {
            throw new IllegalStateException("gradient called before calculate");
        }
        INDArray delta = dy.permute(0, 2, 3, 1).dup('c').reshape(-1, filters);   // (n * oh * ow) x filters
        INDArray dW = delta.transpose().mmul(patches).reshape(weight.shape());
        INDArray db = delta.sum(true, 0);
        INDArray dx = col2im(delta.mmul(filterRows()), inputShape, size);
        return new StageGradient(List.of(dW, db), dx);
    }

    /**
     * Unrolls images into patches: one row for each image and each position where a
     * {@code size x size} filter fits, holding the pixels it covers there (channel by channel, row
     * by row). Filled one filter offset {@code (i, j)} at a time: the pixel at offset {@code (i, j)}
     * of every patch is the image shifted by {@code (i, j)}.
     *
     * @param x {@code n x channels x height x width}
     * @param size the filter's side
     * @return {@code (n * oh * ow) x (channels * size * size)}, {@code oh = height - size + 1}
     */
    public static INDArray im2col(INDArray x, int size) {
        long n = x.size(0), c = x.size(1), oh = x.size(2) - size + 1, ow = x.size(3) - size + 1;
        INDArray patches = Nd4j.create(x.dataType(), n, oh, ow, c, size, size);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                INDArray shifted = x.get(all(), all(), interval(i, i + oh), interval(j, j + ow));
                patches.get(all(), all(), all(), all(), point(i), point(j)).assign(shifted.permute(0, 2, 3, 1));
            }
        }
        return patches.reshape(n * oh * ow, c * size * size);
    }

    /**
     * The reverse of {@link #im2col} for gradients: adds each patch's values back onto the pixels
     * it was taken from (a pixel seen by several positions receives the sum).
     *
     * @param patches {@code (n * oh * ow) x (channels * size * size)}
     * @param imageShape {@code {n, channels, height, width}}
     * @param size the filter's side
     * @return {@code n x channels x height x width}
     */
    public static INDArray col2im(INDArray patches, long[] imageShape, int size) {
        long n = imageShape[0], c = imageShape[1], oh = imageShape[2] - size + 1, ow = imageShape[3] - size + 1;
        INDArray unrolled = patches.reshape(n, oh, ow, c, size, size);
        INDArray x = Nd4j.zeros(patches.dataType(), imageShape);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                INDArray atOffset = unrolled.get(all(), all(), all(), all(), point(i), point(j)).permute(0, 3, 1, 2);
                x.get(all(), all(), interval(i, i + oh), interval(j, j + ow)).addi(atOffset);
            }
        }
        return x;
    }

    /** The filters, one row each: {@code filters x (channels * size * size)}, a view of the weights. */
    private INDArray filterRows() {
        return weight.reshape(filters, (long) channels * size * size);
    }

    /** {@code {channels, h, w}} gives {@code {filters, h - size + 1, w - size + 1}}. */
    @Override
    public long[] outputShape(long[] input) {
        if (input.length != 3 || input[0] != channels || input[1] < size || input[2] < size) {
            throw new IllegalArgumentException(this + " reads images of " + channels + " channel(s) of at least "
                    + size + " x " + size + " pixels, got " + Arrays.toString(input));
        }
        return new long[] {filters, input[1] - size + 1, input[2] - size + 1};
    }

    /** The weights and the bias, live. */
    @Override
    public List<INDArray> parameters() {
        return List.of(weight, bias);
    }

    /** The filters ({@code filters x channels x size x size}): the live array, which learning updates in place. */
    public INDArray weight() {
        return weight;
    }

    /** The bias ({@code 1 x filters}): the live row. */
    public INDArray bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Convolution(" + channels + " -> " + filters + ", " + size + "x" + size + ")";
    }
}

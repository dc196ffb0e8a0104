package org.mymnist.drawing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which neurons of a model's first layer an input excites most: each neuron's output
 * {@code activation(x . W_j + b_j)} for the input, the largest first, and a picture of their
 * weights (red where ink excites the neuron, blue where it inhibits it) beside the input.
 *
 * <pre>{@code
 * display(FirstLayerResponse.picture(model, drawn, 8, Language.FRENCH));
 * }</pre>
 */
public final class FirstLayerResponse {

    private static final int SCALE = 3;
    private static final int TILE = 28 * SCALE;
    private static final Color POSITIVE = new Color(0xB2, 0x18, 0x2B);
    private static final Color NEGATIVE = new Color(0x21, 0x66, 0xAC);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");  // pictures only, never a window
        }
    }

    private FirstLayerResponse() {
    }

    /**
     * One neuron of the first layer and its output for an input.
     *
     * @param neuron the neuron's index, its column in the first layer's weights
     * @param output its output for the input
     */
    public record Neuron(int neuron, double output) {
    }

    /**
     * The outputs of the first layer's neurons for one input, as {@code Model.predict} computes them
     * in its first step (the model is not changed).
     *
     * @param model the model
     * @param input 784 values
     * @return one output per neuron of the first layer
     */
    public static double[] outputs(Model model, double[] input) {
        Layer first = model.layers().get(0);
        if (input.length != first.inputN) {
            throw new IllegalArgumentException("the first layer reads " + first.inputN + " values, got " + input.length);
        }
        INDArray x = Nd4j.createFromArray(new double[][] {input}).castTo(model.dataType());
        INDArray y = x.mmul(first.weight());
        if (first.hasBias()) {
            y.addiRowVector(first.bias());
        }
        return first.activation.apply(y).toDoubleVector();
    }

    /**
     * The {@code count} neurons of the first layer with the largest outputs for {@code input}, the
     * largest first (ties: the lower index first).
     *
     * @param model the model
     * @param input 784 values
     * @param count how many, at least 1 (at most the layer's size are returned)
     * @return the neurons and their outputs
     */
    public static List<Neuron> strongest(Model model, double[] input, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        double[] out = outputs(model, input);
        List<Neuron> all = new ArrayList<>();
        for (int j = 0; j < out.length; j++) {
            all.add(new Neuron(j, out[j]));
        }
        all.sort(Comparator.comparingDouble(Neuron::output).reversed().thenComparingInt(Neuron::neuron));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    /**
     * The input, then the weights of the {@code count} neurons it excites most, each captioned with
     * its index and its output.
     *
     * @param model the model
     * @param input 784 values in [0, 1]
     * @param count how many neurons, at least 1
     * @param language the language of the captions
     * @return a new picture
     */
    public static BufferedImage picture(Model model, double[] input, int count, Language language) {
        List<Neuron> neurons = strongest(model, input, count);
        int gap = 14, top = 34, width = (neurons.size() + 1) * (TILE + gap) + gap, height = top + TILE + 40;
        BufferedImage image = new BufferedImage(Math.max(width, 420), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(language.text("response.title", neurons.size()), gap, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = gap;
        g.drawImage(gray(input), x, top, null);
        g.drawString(language.text("response.drawing"), x, top + TILE + 16);
        Layer first = model.layers().get(0);
        for (Neuron n : neurons) {
            x += TILE + gap;
            g.drawImage(weights(first.weight().getColumn(n.neuron()).dup().toDoubleVector()), x, top, null);
            g.setColor(Color.LIGHT_GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawRect(x - 1, top - 1, TILE + 1, TILE + 1);
            g.setColor(Color.BLACK);
            g.drawString(language.text("response.neuron", n.neuron()), x, top + TILE + 16);
            g.drawString(String.format(java.util.Locale.ROOT, "%.2f", n.output()), x, top + TILE + 31);
        }
        g.dispose();
        return image;
    }

    private static BufferedImage gray(double[] v) {
        BufferedImage image = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < v.length && p < 784; p++) {
            int level = (int) Math.round(Math.max(0, Math.min(1, v[p])) * 255);
            fill(image, p, new Color(level, level, level).getRGB());
        }
        return image;
    }

    private static BufferedImage weights(double[] w) {
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        BufferedImage image = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < 784; p++) {
            double a = max == 0 ? 0 : Math.abs(w[p]) / max;
            Color c = w[p] >= 0 ? POSITIVE : NEGATIVE;
            int r = (int) Math.round(255 + (c.getRed() - 255) * a);
            int gr = (int) Math.round(255 + (c.getGreen() - 255) * a);
            int b = (int) Math.round(255 + (c.getBlue() - 255) * a);
            fill(image, p, new Color(r, gr, b).getRGB());
        }
        return image;
    }

    private static void fill(BufferedImage image, int p, int rgb) {
        int px = (p % 28) * SCALE, py = (p / 28) * SCALE;
        for (int dy = 0; dy < SCALE; dy++) {
            for (int dx = 0; dx < SCALE; dx++) {
                image.setRGB(px + dx, py + dy, rgb);
            }
        }
    }
}

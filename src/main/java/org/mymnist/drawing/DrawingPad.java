package org.mymnist.drawing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mymnist.messages.Messages;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A drawing pad for a notebook cell: the student draws a digit with the mouse (or a finger), and
 * the page shows, as they draw, the digit the model reads, its ten probabilities as bars, and the
 * preparation step by step (the raw drawing, the crop, the 20 x 20 digit, the 28 x 28 input by
 * centre of mass, as {@link DigitPreparation} does it). A button clears the pad; another copies the
 * 784 values as a Java statement ({@code double[] drawn = {...};}) to paste into the next cell.
 *
 * <pre>{@code
 * display(DrawingPad.of(model, Language.FRENCH).withAgreementCheck(xTest, 100).html(), "text/html");
 * // in a notebook, inside a void method (display returns an id that a cell would show)
 * }</pre>
 *
 * <p>Everything is in the HTML: the model's layer sizes and activations as JSON, its weights and
 * biases as the base64 text of their float32 or float64 bytes (every weight exactly, in half the
 * characters of a decimal text), and a script that runs the forward pass of
 * {@link Model#predict} in float64: for each layer {@code y_j = sum_i x_i W_ij}, then {@code + b_j},
 * then the activation (softmax with the row's largest sum subtracted). No network, no CDN.
 *
 * <p>The script replaces a static line, "exécutez cette cellule pour dessiner" / "run this cell to
 * draw": a notebook reopened untrusted shows that line (JupyterLab does not run its scripts) until
 * the cell is run again.
 *
 * <p>The page exposes each pad to scripts as {@code window.mymnistPads[id]} (and the last one as
 * {@code window.mymnistPad}): its raw levels, its prepared values, its probabilities, its
 * agreement check; the browser test reads them.
 */
public final class DrawingPad {

    /** The side in pixels of the drawing area; the raw drawing has this many pixels a side. */
    public static final int CANVAS = 280;
    /** The pen's width in canvas pixels: about two pixels of the 28 x 28 input, like MNIST's strokes. */
    public static final int PEN = 22;

    private static final Set<String> ACTIVATIONS = Set.of("sigmoid", "relu", "softmax", "identity");
    private static final AtomicLong PADS = new AtomicLong();
    /** The words of the page, each the key {@code pad.<word>} of the bundles, as pad.js names them. */
    private static final List<String> PAD_WORDS = List.of("draw", "read", "nothing", "unprepared", "clear", "copy",
            "copied", "select", "steps", "raw", "crop", "box", "input", "check", "comment");

    private final Model model;
    private final Language language;
    private final double[][] checkImages;

    private DrawingPad(Model model, Language language, double[][] checkImages) {
        this.model = model;
        this.language = language;
        this.checkImages = checkImages;
    }

    /**
     * A pad that reads drawings with {@code model}.
     *
     * @param model a model of 784 inputs whose activations are sigmoid, relu, softmax or identity
     * @param language the language of the page's words
     * @return the pad
     * @throws IllegalArgumentException for another input size or activation
     */
    public static DrawingPad of(Model model, Language language) {
        List<Layer> layers = model.layers();
        if (layers.get(0).inputN != DigitPreparation.SIDE * DigitPreparation.SIDE) {
            throw new IllegalArgumentException("the pad draws 28 x 28 = 784 inputs, this model reads "
                    + layers.get(0).inputN);
        }
        for (Layer layer : layers) {
            if (!ACTIVATIONS.contains(layer.activation.name())) {
                throw new IllegalArgumentException("the pad's page has no " + layer.activation.name()
                        + " activation (it has sigmoid, relu, softmax, identity)");
            }
        }
        return new DrawingPad(model, language, new double[0][]);
    }

    /**
     * The same pad, which also checks when it starts that the page reads the first {@code count}
     * rows of {@code images} as the library does: the page embeds those images and the library's
     * probabilities for them, runs its own forward pass on each and shows how many digits agree and
     * the largest difference of the probabilities.
     *
     * @param images one image a row, 784 values k / 255 (as MNIST's are)
     * @param count how many rows to check, 1 to the number of rows
     * @return a new pad
     */
    public DrawingPad withAgreementCheck(INDArray images, int count) {
        if (images.rank() != 2 || images.columns() != 784 || count < 1 || count > images.rows()) {
            throw new IllegalArgumentException("expected 1 to " + images.rows() + " rows of 784 values, got "
                    + count + " of shape " + java.util.Arrays.toString(images.shape()));
        }
        double[][] rows = new double[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = images.getRow(i).dup().castTo(DataType.DOUBLE).toDoubleVector();
        }
        return new DrawingPad(model, language, rows);
    }

    /** The model the pad reads with. */
    public Model model() {
        return model;
    }

    /**
     * The cell's HTML: a line that a script replaces by the pad, the model and the script.
     *
     * @return HTML for {@code display(html, "text/html")}
     */
    public String html() {
        String id = "mymnist-pad-" + Long.toHexString(System.nanoTime()) + "-" + PADS.incrementAndGet();
        StringBuilder s = new StringBuilder(4096);
        s.append("<div id=\"").append(id).append("\" class=\"mymnist-pad\">")
                .append("<p class=\"mymnist-pad-fallback\" style=\"font-size:1.1em;padding:0.6em;")
                .append("border:1px dashed #888;display:inline-block\">")
                .append(language.text("pad.run-this-cell"))
                .append("</p></div>\n<script>\n");
        s.append(resource("pad.js"));
        s.append("\nwindow.MyMnistPad.start(").append(quote(id)).append(", ").append(dataJson()).append(");\n");
        s.append("</script>\n");
        return s.toString();
    }

    /**
     * The model, the words, the agreement check as a JSON object. The words are the bundle's
     * {@code pad.*} patterns, placeholders unfilled: the script fills {@code {0}}, {@code {1}}...
     */
    String dataJson() {
        StringBuilder s = new StringBuilder(64 * 1024);
        boolean float32 = model.dataType() == DataType.FLOAT;
        s.append("{\"dtype\":").append(quote(float32 ? "float32" : "float64"));
        s.append(",\"canvas\":").append(CANVAS).append(",\"pen\":").append(PEN);
        s.append(",\"lang\":").append(quote(language.locale().getLanguage()));
        s.append(",\"words\":{");
        for (int i = 0; i < PAD_WORDS.size(); i++) {
            String word = PAD_WORDS.get(i);
            s.append(i == 0 ? "" : ",").append(quote(word)).append(':')
                    .append(quote(Messages.pattern(language.locale(), "pad." + word)));
        }
        s.append('}');
        s.append(",\"layers\":[");
        List<Layer> layers = model.layers();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            s.append(l == 0 ? "" : ",").append("{\"inputN\":").append(layer.inputN)
                    .append(",\"outputN\":").append(layer.outputN)
                    .append(",\"activation\":").append(quote(layer.activation.name()))
                    .append(",\"weight\":\"").append(packed(layer.weight(), float32)).append('"');
            s.append(",\"bias\":");
            if (layer.hasBias()) {
                s.append('"').append(packed(layer.bias(), float32)).append('"');
            } else {
                s.append("null");
            }
            s.append('}');
        }
        s.append(']');
        if (checkImages.length > 0) {
            s.append(",\"check\":{\"count\":").append(checkImages.length).append(",\"levels\":\"");
            byte[] levels = new byte[checkImages.length * 784];
            double[][] inputs = new double[checkImages.length][784];
            for (int i = 0; i < checkImages.length; i++) {
                for (int p = 0; p < 784; p++) {
                    double v = checkImages[i][p] * 255;
                    long level = Math.round(v);
                    if (level < 0 || level > 255 || Math.abs(v - level) > 1e-3) {
                        throw new IllegalArgumentException("image " + i + ", pixel " + p + ": " + checkImages[i][p]
                                + " is not a gray level k / 255");
                    }
                    levels[i * 784 + p] = (byte) level;
                    inputs[i][p] = level / 255.0;
                }
            }
            s.append(Base64.getEncoder().encodeToString(levels)).append("\",\"probabilities\":");
            INDArray probabilities = model.predict(Nd4j.createFromArray(inputs));
            numbers(s, probabilities);
            s.append('}');
        }
        return s.append('}').toString();
    }

    /**
     * The values of {@code a}, row after row, as the base64 text of their bytes, little-endian,
     * float32 or float64: the page reads them back exactly into a typed array, in 5.3 or 10.7
     * characters a value (a decimal text takes about twice as many: the page's HTML is saved in
     * the notebook).
     */
    static String packed(INDArray a, boolean float32) {
        ByteBuffer bytes;
        if (float32) {
            float[] v = a.dup('c').castTo(DataType.FLOAT).data().asFloat();
            bytes = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : v) {
                bytes.putFloat(finite(f));
            }
        } else {
            double[] v = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
            bytes = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double d : v) {
                bytes.putDouble(finite(d));
            }
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a weight is " + d + ": the model cannot be drawn with");
        }
        return d;
    }

    private static float finite(float f) {
        finite((double) f);
        return f;
    }

    /** The values of {@code a}, row after row, as a JSON array that gives back each value exactly. */
    static void numbers(StringBuilder s, INDArray a) {
        s.append('[');
        double[] v = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(doubleText(v[i]));
        }
        s.append(']');
    }

    /** A float64 value as a JSON number that JavaScript reads back exactly. */
    static String doubleText(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a weight is " + d + ": the model cannot be drawn with");
        }
        return Double.toString(d);
    }

    /** A JSON (and JavaScript) string literal; also safe inside a script element. */
    static String quote(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '<' -> s.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    static String resource(String name) {
        try (InputStream in = DrawingPad.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

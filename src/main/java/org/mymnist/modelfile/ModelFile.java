package org.mymnist.modelfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mymnist.files.AtomicFile;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;

/**
 * Saves and loads a {@link Model} as a documented file that numpy can read, never with Java
 * serialization.
 *
 * <h2>Layout</h2>
 * A model file is a zip archive (conventionally named {@code *.zip}) holding:
 * <pre>
 * model.json              the description below (deflated, UTF-8)
 * layers/0.weight.npy     layer 0's weights, input_n x output_n (stored uncompressed)
 * layers/0.bias.npy       layer 0's bias, output_n values (only for a layer with a bias)
 * layers/1.weight.npy     layer 1's weights
 * ...
 * </pre>
 * Each {@code .npy} entry is an NPY 1.0 array as {@link Npy} describes: dtype {@code <f8} or
 * {@code <f4} (the dtype of the layer's weights), C order, header padded to 64 bytes. Because the
 * archive is laid out like numpy's {@code .npz}, {@code numpy.load("model.zip")["layers/0.weight"]}
 * returns layer 0's weights, and {@code np.load} of an extracted entry does too.
 *
 * <h2>{@code model.json}</h2>
 * <pre>
 * {
 *   "format" : "my-mnist-model",        always this string
 *   "version" : 1,                      format version; readers refuse versions above theirs
 *   "loss" : "mse",                     Loss.name() of the loss function
 *   "layers" : [ {                      first layer to last
 *     "input_n" : 784,                  inputs; equals the previous layer's output_n
 *     "output_n" : 32,                  neurons
 *     "activation" : "sigmoid",         Activation.name(): sigmoid, softmax, identity or relu
 *     "lr" : 0.001,                     learning rate, a finite number
 *     "weight" : "layers/0.weight.npy"  zip entry of the input_n x output_n weight matrix
 *   }, ... ],
 *   "loss_history" : [ 0.09, 0.08 ]     Model.loss(), oldest first; NaN and infinities as the
 *                                       strings "NaN", "Infinity", "-Infinity"
 * }
 * </pre>
 * A layer with a bias also has a {@code "bias"} field, the zip entry of its {@code output_n}
 * vector ({@code layers/<i>.bias.npy}, a one-dimensional array of the weights' dtype); a layer
 * without bias (the notebook's) has no such field. Other unknown fields are ignored. Numbers are written so that they read back exactly.
 *
 * <h2>Convolutional models</h2>
 * A model with stages ({@link Model#features()}) is written as version 2, with a
 * {@code "features"} array (unflatten, convolution, activation, max_pooling, flatten) and each
 * convolution's filters ({@code filters x channels x size x size}) and bias in
 * {@code features/<i>.weight.npy} and {@code features/<i>.bias.npy}; {@code docs/model-format.md}
 * gives the fields and the forward pass in numpy. A dense model is still written as version 1.
 *
 * <h2>Guarantees</h2>
 * {@link #save} writes a temporary file in the target's folder and renames it over the target
 * only once it is complete, so a model file is never half-written. {@link #load} checks
 * everything before use (zip structure, CRC-32 of every entry it reads, JSON fields, dtypes,
 * shapes against the JSON, data lengths against shapes, and declared sizes before allocating)
 * and reports any problem as a {@link ModelFileException} with a one-line message.
 */
public final class ModelFile {

    /** The name of the description entry: {@value}. */
    public static final String MODEL_JSON = "model.json";
    /** The value of {@code model.json}'s {@code format} field: {@value}. */
    public static final String FORMAT = ModelJson.FORMAT;
    /** The format version this class writes, and the highest it reads: {@value}. */
    public static final int VERSION = ModelJson.VERSION;

    private ModelFile() {
    }

    /**
     * Saves a model, replacing {@code file} if it exists. The file is written whole or not at
     * all: on failure an existing file is left untouched and no temporary file remains.
     *
     * @param model the model; its weights must be DOUBLE or FLOAT
     * @param file where to save, on the default file system; its folder must exist
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a layer's weights have another data type
     */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, ModelArchiveWriter.EntryListener.NONE);
    }

    /** {@link #save(Model, Path)}, telling {@code listener} of each entry written (for tests). */
    static void save(Model model, Path file, ModelArchiveWriter.EntryListener listener) throws IOException {
        ModelArchiveWriter.check(model);
        AtomicFile.write(file, out -> ModelArchiveWriter.write(model, out, listener));
    }

    /**
     * Loads a model saved by {@link #save}: same layers, weights and biases (and data type), learning rates,
     * activations, loss function and loss history, so it makes identical predictions.
     *
     * @param file the model file, on the default file system
     * @return the model
     * @throws ModelFileException if the file is missing, is not a zip archive, is truncated or
     *     corrupted, or does not follow the format above; the message names the file, the entry
     *     or field, and what was expected
     */
    public static Model load(Path file) throws ModelFileException {
        return ModelArchiveReader.read(file);
    }

    /**
     * Loads a model and checks that it fits the data it is meant for: as many inputs as an image
     * has pixels, as many outputs as there are classes. A model made for other data would
     * otherwise fail deep inside a product, or (with fewer outputs) give wrong answers quietly.
     *
     * @param file the model file
     * @param inputs the values of one example, e.g. 784 for MNIST's 28 x 28 images
     * @param classes the number of classes, e.g. 10
     * @return the model
     * @throws ModelFileException as {@link #load(Path)} does, or if the model's input or output
     *     size differs from the data's (the message names the file and both sizes)
     */
    public static Model load(Path file, int inputs, int classes) throws ModelFileException {
        Model model = load(file);
        checkFits(model, file, inputs, classes);
        return model;
    }

    /**
     * Checks that a model read from {@code file} fits the data: as many inputs as an image has
     * values, as many outputs as there are classes.
     *
     * @param model the model
     * @param file the file it was read from, named in the message
     * @param inputs the values of one example
     * @param classes the number of classes
     * @throws ModelFileException naming the file and both sizes if they differ
     */
    public static void checkFits(Model model, Path file, int inputs, int classes) throws ModelFileException {
        List<Layer> layers = model.layers();
        int modelInputs = layers.get(0).inputN;
        int modelOutputs = layers.get(layers.size() - 1).outputN;
        if (modelInputs != inputs || modelOutputs != classes) {
            throw new ModelFileException(file + ": the model takes " + modelInputs + " inputs and gives "
                    + modelOutputs + " outputs, but the data have " + inputs + " values per image and "
                    + classes + " classes: expected a model of " + inputs + " inputs and " + classes + " outputs");
        }
    }

    /**
     * The zip entry of a layer's bias: {@code layers/<index>.bias.npy}.
     *
     * @param index the layer's position, from 0
     * @return the entry name
     */
    public static String biasEntry(int index) {
        return "layers/" + index + ".bias.npy";
    }

    /**
     * The zip entry of a convolution stage's filters: {@code features/<index>.weight.npy}.
     *
     * @param index the stage's position in {@code features}, from 0
     * @return the entry name
     */
    public static String stageWeightEntry(int index) {
        return "features/" + index + ".weight.npy";
    }

    /**
     * The zip entry of a convolution stage's bias: {@code features/<index>.bias.npy}.
     *
     * @param index the stage's position in {@code features}, from 0
     * @return the entry name
     */
    public static String stageBiasEntry(int index) {
        return "features/" + index + ".bias.npy";
    }

    /**
     * The zip entry of a layer's weights: {@code layers/<index>.weight.npy}.
     *
     * @param index the layer's position, from 0
     * @return the entry name
     */
    public static String weightEntry(int index) {
        return "layers/" + index + ".weight.npy";
    }
}

package org.mymnist.modelfile;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.mymnist.files.AtomicFile;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.NoRoomException;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Convolution;
import org.nd4j.linalg.api.buffer.DataType;

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
 * only once it is complete, so a model file is never half-written; a temporary file left by a
 * killed save is removed by the next save of the same file. A save is checked against the
 * folder's free space first ({@link #sizeBound}); when there is no room, before or during the
 * write, the model is saved in the system's temporary folder (or the home folder) instead, and
 * the {@link NoRoomException} says where. {@link #checkRoom} makes the same check before training. {@link #load} checks
 * everything before use (zip structure, CRC-32 of every entry it reads, JSON fields, dtypes,
 * shapes against the JSON, data lengths against shapes, and declared sizes before allocating)
 * and reports any problem as a {@link ModelFileException} with a one-line message.
 */
public final class ModelFile {

    /** The name of the description entry: {@value}. */
    public static final String MODEL_JSON = "model.json";
    /** The value of {@code model.json}'s {@code format} field: {@value}. */
    public static final String FORMAT = ModelJson.FORMAT;
    /**
     * The format version this class writes for a dense model: {@value}. A model with stages is
     * written as version 2, the highest it reads.
     */
    public static final int VERSION = ModelJson.VERSION;

    private ModelFile() {
    }

    /**
     * Saves a model, replacing {@code file} if it exists. The file is written whole or not at
     * all: on failure an existing file is left untouched and no temporary file remains.
     *
     * <p>When the folder has no room for the model ({@link #sizeBound}), before the write or
     * during it, the model is not lost: it is saved under a new name in the system's temporary
     * folder (else the home folder), and the {@link NoRoomException}'s one line names the folder,
     * the MiB needed and free, where the model is and the {@code mv} command that moves it.
     *
     * @param model the model; its weights must be DOUBLE or FLOAT
     * @param file where to save, on the default file system; its folder must exist
     * @throws NoRoomException if the folder has no room for the model
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a layer's weights have another data type
     */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, ModelArchiveWriter.EntryListener.NONE);
    }

    /** {@link #save(Model, Path)}, telling {@code listener} of each entry written (for tests). */
    static void save(Model model, Path file, ModelArchiveWriter.EntryListener listener) throws IOException {
        ModelArchiveWriter.check(model);
        Path folder = file.toAbsolutePath().getParent();
        boolean folderExists = folder != null && Files.isDirectory(folder);
        long needed = sizeBound(model, 0);
        if (folderExists) {
            long free = DiskSpace.usable(folder);
            if (free < needed) {
                throw Rescue.noRoom(model, file, folder, needed, free, null, null);
            }
        }
        try {
            AtomicFile.write(file, out -> ModelArchiveWriter.write(model, out, listener));
        } catch (IOException e) {
            String reason = DiskSpace.reason(e);
            long free = folderExists ? DiskSpace.usable(folder) : Long.MAX_VALUE;
            if (reason == null && free >= needed) {
                throw e;
            }
            // Out of room during the write; where the system's words are not English, the free space says so.
            throw Rescue.noRoom(model, file, folder, needed, free,
                    (reason == null ? "the disk filled" : reason) + " during the save", e);
        }
    }

    /**
     * Checks, before training, that {@code file} can be written and that its folder has room for
     * {@code model} once it has trained {@code epochs} more epochs (its loss history grows): what
     * {@link #save} will need. Training for minutes and then failing to save costs a lesson.
     *
     * @param model the model, trained or not
     * @param file where it will be saved
     * @param epochs how many more epochs it will train
     * @throws NoSuchFileException if the folder does not exist
     * @throws AccessDeniedException if it cannot be written
     * @throws NoRoomException if it has no room, naming the folder, the MiB needed and the MiB free
     */
    public static void checkRoom(Model model, Path file, int epochs) throws IOException {
        ModelArchiveWriter.check(model);
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(file.toString(), null, "cannot write it: the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        if (!Files.isWritable(folder)) {
            throw new AccessDeniedException(file.toString(), null,
                    "cannot write it: permission denied in the folder " + folder);
        }
        long needed = sizeBound(model, epochs);
        long free = DiskSpace.usable(folder);
        if (free < needed) {
            throw new NoRoomException(file + ": " + DiskSpace.noRoom(folder, "the model", needed, free, null)
                    + "; free some space there or save elsewhere", folder, needed, free, null);
        }
    }

    /**
     * At least the bytes {@link #save} writes for {@code model} after {@code moreEpochs} more
     * epochs: each array's {@code .npy} entry (header and data), {@code model.json} with a loss
     * history that long, and the zip archive's headers. It is a bound, a few KiB above the file's
     * size.
     *
     * @param model the model
     * @param moreEpochs epochs it will still train, each adding a value to its loss history
     * @return the bytes
     */
    public static long sizeBound(Model model, int moreEpochs) {
        long bytes = 0;
        int arrays = 0;
        for (Stage stage : model.features()) {
            if (stage instanceof Convolution c) {
                bytes += Npy.length(c.weight().dataType(), c.weight().shape());
                bytes += Npy.length(c.bias().dataType(), new long[] {c.filters});
                arrays += 2;
            }
        }
        for (Layer layer : model.layers()) {
            bytes += Npy.length(layer.weight().dataType(), layer.weight().shape());
            arrays++;
            if (layer.hasBias()) {
                bytes += Npy.length(layer.bias().dataType(), new long[] {layer.outputN});
                arrays++;
            }
        }
        return bytes + overhead(arrays, model.loss().size() + (long) moreEpochs);
    }

    /**
     * {@link #sizeBound(Model, int)} from the shapes alone, for a model not built yet (a training
     * configuration's).
     *
     * @param type the arrays' data type, DOUBLE or FLOAT
     * @param shapes every weight and bias array's shape
     * @param losses the length of the loss history (the epochs it will train)
     * @return the bytes
     */
    public static long sizeBound(DataType type, List<long[]> shapes, long losses) {
        long bytes = 0;
        for (long[] shape : shapes) {
            bytes += Npy.length(type, shape);
        }
        return bytes + overhead(shapes.size(), losses);
    }

    /**
     * The zip archive around {@code arrays} entries and {@code model.json}: per entry a local
     * and a central header with the name (at most 32 characters), a data descriptor and a ZIP64
     * extra field; the end records; {@code model.json} itself at most 1,200 bytes per array (each
     * layer or stage), 32 per loss value, stored if deflating does not help.
     */
    private static long overhead(int arrays, long losses) {
        long entries = arrays + 1L;
        long json = 256 + 1200L * arrays + 32 * losses;
        return entries * (30 + 46 + 16 + 28 + 2 * 32) + json + json / 1000 + 64 + 22 + 20 + 56;
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

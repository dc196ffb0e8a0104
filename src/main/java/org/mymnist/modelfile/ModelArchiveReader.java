package org.mymnist.modelfile;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.mymnist.files.FileKind;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Loss;
import org.mymnist.nn.Model;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads and checks the zip archive {@link ModelFile} describes. */
final class ModelArchiveReader {

    /** The largest {@code model.json} read: room for millions of loss values. */
    static final int MAX_JSON_BYTES = 64 << 20;

    private final Path file;
    private final ZipFile zip;

    private ModelArchiveReader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /**
     * Reads a model file.
     *
     * @param file the file
     * @return the model
     * @throws ModelFileException for every problem, with a one-line message naming the file
     */
    static Model read(Path file) throws ModelFileException {
        checkIsZip(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new ModelArchiveReader(file, zip).model();
        } catch (ModelFileException e) {
            throw e;
        } catch (ZipException e) {
            throw new ModelFileException(file + " is not a my-mnist model file (" + zipProblem(e) + ")", e);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
    }

    /** What a zip error means, in words. */
    private static String zipProblem(ZipException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("END header")) {
            return "truncated or damaged zip archive: its end record is missing, it may have been cut short";
        }
        return "truncated or damaged zip archive: its table of entries does not hold together";
    }

    private static ModelFileException cannotRead(Path file, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ModelFileException(shown(file) + ": permission denied: cannot read it", e);
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        return new ModelFileException(shown(file) + ": cannot read it" + (reason == null ? "" : " (" + reason + ")"), e);
    }

    /** The file as messages show it: the empty path is the current folder. */
    private static String shown(Path file) {
        return file.toString().isEmpty() ? "'' (an empty path)" : file.toString();
    }

    private static void checkIsZip(Path file) throws ModelFileException {
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.MISSING) {
            throw new ModelFileException(shown(file) + ": no such file");
        }
        if (kind != FileKind.REGULAR) {
            throw new ModelFileException(shown(file) + " is " + kind.description() + ", not a my-mnist model file");
        }
        byte[] head;
        try {
            head = ForeignFile.head(file, 8);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        if (!ForeignFile.looksLikeZip(head)) {
            throw new ModelFileException(file + " is not a my-mnist model file ("
                    + ForeignFile.describe(head) + ")");
        }
    }

    private Model model() throws IOException {
        ModelDescription description = ModelJson.parse(readJson(), file + ": " + ModelFile.MODEL_JSON);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < description.layers().size(); i++) {
            LayerEntry entry = description.layers().get(i);
            try (INDArray weight = readArray(entry, i, "weight", entry.weight(),
                    new long[] {entry.inputN(), entry.outputN()});
                 INDArray bias = entry.bias() == null ? null
                         : readArray(entry, i, "bias", entry.bias(), new long[] {entry.outputN()})) {
                if (bias != null && bias.dataType() != weight.dataType()) {
                    throw new ModelFileException(file + ": " + entry.bias() + ": dtype " + bias.dataType()
                            + " differs from the weights' " + weight.dataType() + ", expected the same");
                }
                layers.add(new Layer(weight, bias, entry.lr(), Activation.named(entry.activation())));
            }
        }
        List<Stage> features = stages(description);
        Model model;
        try {
            model = new Model(features, layers, Loss.named(description.loss()));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + ModelFile.MODEL_JSON + ": " + e.getMessage(), e);
        }
        description.lossHistory().forEach(model::recordLoss);
        return model;
    }

    /** The stages of {@code features}, their arrays read and their shapes chained up to {@code layers[0]}. */
    private List<Stage> stages(ModelDescription description) throws IOException {
        List<Stage> stages = new ArrayList<>();
        long[] shape = null;
        for (int i = 0; i < description.features().size(); i++) {
            StageEntry entry = description.features().get(i);
            String field = file + ": " + ModelFile.MODEL_JSON + ": features[" + i + "]";
            Stage stage;
            switch (entry.type()) {
                case "unflatten":
                    stage = new Unflatten(entry.shape()[0], entry.shape()[1], entry.shape()[2]);
                    if (i == 0) {
                        shape = new long[] {(long) entry.shape()[0] * entry.shape()[1] * entry.shape()[2]};
                    }
                    break;
                case "convolution": {
                    try (INDArray weight = readStageArray(field + ".weight", entry.weight(), 4);
                         INDArray bias = readStageArray(field + ".bias", entry.bias(), 1)) {
                        if (weight.size(2) != weight.size(3) || bias.length() != weight.size(0)
                                || bias.dataType() != weight.dataType()) {
                            throw new ModelFileException(field + ": filters " + Arrays.toString(weight.shape()) + " "
                                    + weight.dataType() + " and bias " + Arrays.toString(bias.shape()) + " "
                                    + bias.dataType() + ", expected square filters and one bias of their dtype "
                                    + "per filter");
                        }
                        stage = new Convolution(weight, bias);
                    }
                    break;
                }
                case "activation":
                    stage = new Activated(Activation.named(entry.activation()));
                    break;
                case "max_pooling":
                    stage = new MaxPooling(entry.size());
                    break;
                default:
                    stage = new Flatten();
                    break;
            }
            if (shape == null) {
                throw new ModelFileException(field + ": the first stage must be an unflatten, got " + entry.type());
            }
            try {
                shape = stage.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(field + ": " + e.getMessage(), e);
            }
            stages.add(stage);
        }
        if (shape != null && (shape.length != 1 || shape[0] != description.layers().get(0).inputN())) {
            throw new ModelFileException(file + ": " + ModelFile.MODEL_JSON + ": features give "
                    + Arrays.toString(shape) + ", expected rows of layers[0].input_n = "
                    + description.layers().get(0).inputN());
        }
        return stages;
    }

    /** A stage's array from its {@code .npy} entry, checked for rank and data length. */
    private INDArray readStageArray(String field, String name, int rank) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            throw new ModelFileException(field + ": entry '" + name + "' not found in the zip archive");
        }
        String source = file + ": " + name;
        checkDeclaredSize(entry, source, Integer.MAX_VALUE - 16);
        try (EntryInput in = new EntryInput(zip, entry, source)) {
            NpyHeader header = Npy.readHeader(in, source);
            if (header.shape().length != rank) {
                throw new ModelFileException(source + ": shape " + header.shapeText() + ", expected " + rank
                        + " dimensions");
            }
            long dataBytes = entry.getSize() - in.count();
            if (dataBytes != header.dataLength()) {
                throw new ModelFileException(source + ": data length " + dataBytes
                        + " bytes does not match shape " + header.shapeText() + " '" + header.descr()
                        + "', expected " + header.dataLength() + " bytes");
            }
            INDArray array = Npy.readData(header, in, source);
            in.verifyEnd();
            return array;
        } catch (ZipException | EOFException e) {
            throw corrupted(source, e);
        }
    }

    private byte[] readJson() throws IOException {
        ZipEntry entry = zip.getEntry(ModelFile.MODEL_JSON);
        if (entry == null || entry.isDirectory()) {
            throw new ModelFileException(file + " is not a my-mnist model file (no "
                    + ModelFile.MODEL_JSON + " entry in the zip archive)");
        }
        String source = file + ": " + ModelFile.MODEL_JSON;
        checkDeclaredSize(entry, source, MAX_JSON_BYTES);
        try (EntryInput in = new EntryInput(zip, entry, source)) {
            byte[] json = in.readNBytes((int) entry.getSize());
            in.verifyEnd();
            return json;
        } catch (ZipException | EOFException e) {
            throw corrupted(source, e);
        }
    }

    private INDArray readArray(LayerEntry layer, int index, String what, String name, long[] expected)
            throws IOException {
        String field = file + ": " + ModelFile.MODEL_JSON + ": layers[" + index + "]." + what;
        ZipEntry entry = zip.getEntry(name);
        if (entry == null || entry.isDirectory()) {
            throw new ModelFileException(field + ": entry '" + name
                    + "' not found in the zip archive");
        }
        String source = file + ": " + name;
        checkDeclaredSize(entry, source, Integer.MAX_VALUE - 16);
        try (EntryInput in = new EntryInput(zip, entry, source)) {
            NpyHeader header = Npy.readHeader(in, source);
            if (!Arrays.equals(header.shape(), expected)) {
                throw new ModelFileException(source + ": shape " + header.shapeText()
                        + " does not match layers[" + index + "] (input_n " + layer.inputN()
                        + ", output_n " + layer.outputN() + "), expected " + new NpyHeader(
                        header.descr(), false, expected).shapeText());
            }
            long dataBytes = entry.getSize() - in.count();
            if (dataBytes != header.dataLength()) {
                throw new ModelFileException(source + ": data length " + dataBytes
                        + " bytes does not match shape " + header.shapeText() + " '" + header.descr()
                        + "', expected " + header.dataLength() + " bytes");
            }
            INDArray weight = Npy.readData(header, in, source);
            in.verifyEnd();
            return weight;
        } catch (ZipException | EOFException e) {
            throw corrupted(source, e);
        }
    }

    private static void checkDeclaredSize(ZipEntry entry, String source, long max) throws ModelFileException {
        if (entry.getSize() < 0) {
            throw new ModelFileException(source + ": entry size unknown, expected the zip archive to declare it");
        }
        if (entry.getSize() > max) {
            throw new ModelFileException(source + ": entry of " + entry.getSize()
                    + " bytes, expected at most " + max);
        }
    }

    /** An inflater error or an early end of compressed data: the entry's bytes are damaged. */
    private static ModelFileException corrupted(String source, IOException e) {
        return new ModelFileException(source + ": corrupted entry (" + (e instanceof EOFException
                ? "its compressed data end early" : "its compressed data are damaged") + ")", e);
    }
}

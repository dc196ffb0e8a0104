package org.mymnist.modelfile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes a model as the zip archive {@link ModelFile} describes, to any stream. */
final class ModelArchiveWriter {

    /** Called after each entry is written; tests use it to make a save fail midway. */
    @FunctionalInterface
    interface EntryListener {
        /** A listener that does nothing. */
        EntryListener NONE = name -> { };

        /**
         * Called once an entry is complete.
         *
         * @param name the entry's name
         * @throws IOException to abort the save
         */
        void written(String name) throws IOException;
    }

    /** Every entry's time, fixed so that saving the same model twice gives the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private ModelArchiveWriter() {
    }

    /**
     * Checks that a model can be saved: every weight matrix is DOUBLE or FLOAT.
     *
     * @param model the model
     * @throws IllegalArgumentException naming the first layer with another data type
     */
    static void check(Model model) {
        for (int i = 0; i < model.features().size(); i++) {
            describe(model.features().get(i), i);
        }
        for (int i = 0; i < model.layers().size(); i++) {
            DataType type = model.layers().get(i).weight().dataType();
            if (type != DataType.DOUBLE && type != DataType.FLOAT) {
                throw new IllegalArgumentException("layers[" + i + "].weight: data type " + type
                        + " cannot be saved, expected DOUBLE or FLOAT");
            }
        }
    }

    /**
     * Writes the archive: {@code model.json} first, then each layer's weights and bias.
     *
     * @param model the model, already {@linkplain #check checked}
     * @param out where to write; left open
     * @param listener told of each entry written
     * @throws IOException if writing fails or the listener throws
     */
    static void write(Model model, OutputStream out, EntryListener listener) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        putDeflated(zip, ModelFile.MODEL_JSON, ModelJson.write(describe(model)));
        listener.written(ModelFile.MODEL_JSON);
        for (int i = 0; i < model.layers().size(); i++) {
            String name = ModelFile.weightEntry(i);
            putStored(zip, name, Npy.toBytes(model.layers().get(i).weight()));
            listener.written(name);
            Layer layer = model.layers().get(i);
            if (layer.hasBias()) {
                String biasName = ModelFile.biasEntry(i);
                try (INDArray vector = layer.bias().reshape(layer.outputN).dup()) {
                    putStored(zip, biasName, Npy.toBytes(vector));
                }
                listener.written(biasName);
            }
        }
        for (int i = 0; i < model.features().size(); i++) {
            if (model.features().get(i) instanceof Convolution c) {
                putStored(zip, ModelFile.stageWeightEntry(i), Npy.toBytes(c.weight()));
                listener.written(ModelFile.stageWeightEntry(i));
                try (INDArray vector = c.bias().reshape(c.filters).dup()) {
                    putStored(zip, ModelFile.stageBiasEntry(i), Npy.toBytes(vector));
                }
                listener.written(ModelFile.stageBiasEntry(i));
            }
        }
        zip.finish();
    }

    private static ModelDescription describe(Model model) {
        List<LayerEntry> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            layers.add(new LayerEntry(layer.inputN, layer.outputN, layer.activation.name(), layer.lr,
                    ModelFile.weightEntry(i), layer.hasBias() ? ModelFile.biasEntry(i) : null));
        }
        List<StageEntry> features = new ArrayList<>();
        for (int i = 0; i < model.features().size(); i++) {
            features.add(describe(model.features().get(i), i));
        }
        return new ModelDescription(model.lossFunction().name(), layers, model.loss(), features);
    }

    /** A stage's entry in {@code features}. */
    private static StageEntry describe(Stage stage, int index) {
        if (stage instanceof Unflatten u) {
            long[] s = u.imageShape();
            return new StageEntry("unflatten", new int[] {(int) s[0], (int) s[1], (int) s[2]}, null, 0, null, null);
        }
        if (stage instanceof Convolution) {
            return new StageEntry("convolution", null, null, 0, ModelFile.stageWeightEntry(index),
                    ModelFile.stageBiasEntry(index));
        }
        if (stage instanceof Activated a) {
            return new StageEntry("activation", null, a.activation.name(), 0, null, null);
        }
        if (stage instanceof MaxPooling p) {
            return new StageEntry("max_pooling", null, null, p.size, null, null);
        }
        if (stage instanceof Flatten) {
            return new StageEntry("flatten", null, null, 0, null, null);
        }
        throw new IllegalArgumentException("the model file format has no entry for the stage " + stage);
    }

    private static void putDeflated(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        entry.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** Stored uncompressed, as {@code numpy.savez} does: random weights do not compress. */
    private static void putStored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}

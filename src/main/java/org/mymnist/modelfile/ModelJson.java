package org.mymnist.modelfile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Loss;

/**
 * Writes and checks {@code model.json}. Reading goes field by field so that every error names
 * the field, e.g. {@code layers[1].activation}.
 */
final class ModelJson {

    /** The value of the {@code format} field. */
    static final String FORMAT = "my-mnist-model";
    /** The version this code writes for a dense model. */
    static final int VERSION = 1;
    /** The version of a model with stages ({@code features}), and the highest this code reads. */
    static final int VERSION_FEATURES = 2;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final String source;

    private ModelJson(String source) {
        this.source = source;
    }

    /**
     * The JSON text of a description, UTF-8 encoded.
     *
     * @param model the description
     * @return the bytes of {@code model.json}
     */
    static byte[] write(ModelDescription model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", model.features().isEmpty() ? VERSION : VERSION_FEATURES);
        root.put("loss", model.loss());
        ArrayNode layers = root.putArray("layers");
        for (LayerEntry layer : model.layers()) {
            ObjectNode node = layers.addObject();
            node.put("input_n", layer.inputN());
            node.put("output_n", layer.outputN());
            node.put("activation", layer.activation());
            node.put("lr", layer.lr());
            node.put("weight", layer.weight());
            if (layer.bias() != null) {
                node.put("bias", layer.bias());
            }
        }
        if (!model.features().isEmpty()) {
            ArrayNode features = root.putArray("features");
            for (StageEntry stage : model.features()) {
                ObjectNode node = features.addObject();
                node.put("type", stage.type());
                if (stage.shape() != null) {
                    ArrayNode shape = node.putArray("shape");
                    for (int s : stage.shape()) {
                        shape.add(s);
                    }
                }
                if (stage.activation() != null) {
                    node.put("activation", stage.activation());
                }
                if (stage.size() > 0) {
                    node.put("size", stage.size());
                }
                if (stage.weight() != null) {
                    node.put("weight", stage.weight());
                    node.put("bias", stage.bias());
                }
            }
        }
        ArrayNode history = root.putArray("loss_history");
        model.lossHistory().forEach(history::add);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing a tree to memory does not fail
        }
    }

    /**
     * Parses and checks {@code model.json}.
     *
     * @param json the bytes of the entry
     * @param source the prefix of error messages, e.g. {@code demo.zip: model.json}
     * @return the description, every name and size checked
     * @throws ModelFileException if the JSON is malformed, has the wrong format or version, lacks a
     *     field, or names an unknown activation or loss
     */
    static ModelDescription parse(byte[] json, String source) throws ModelFileException {
        return new ModelJson(source).parse(json);
    }

    private ModelDescription parse(byte[] json) throws ModelFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new ModelFileException(source + ": not a model description (a value longer or more deeply"
                    + " nested than a model description has, beyond the JSON reader's limits)", e);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new ModelFileException(source + ": not valid JSON (" + e.getOriginalMessage().lines()
                    .findFirst().orElse("") + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ")", e);
        } catch (IOException e) {
            throw new ModelFileException(source + ": cannot read JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw fail("(root)", "expected a JSON object");
        }
        String format = text(root, "format", "format");
        if (!FORMAT.equals(format)) {
            throw fail("format", "expected '" + FORMAT + "', got '" + format + "'");
        }
        JsonNode version = require(root, "version", "version");
        if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() < 1) {
            throw fail("version", "expected a positive integer, got " + shown(version));
        }
        if (version.intValue() > VERSION_FEATURES) {
            throw fail("version", "unsupported version " + version.intValue() + ", expected "
                    + VERSION + " or " + VERSION_FEATURES + " (written by a newer my-mnist?)");
        }
        String loss = text(root, "loss", "loss");
        try {
            Loss.named(loss);
        } catch (IllegalArgumentException e) {
            throw fail("loss", e.getMessage());
        }
        List<StageEntry> features = version.intValue() >= VERSION_FEATURES && root.has("features")
                ? features(root) : List.of();
        return new ModelDescription(loss, layers(root), lossHistory(root), features);
    }

    /** The {@code features} array (version 2): each stage's type and settings, checked. */
    private List<StageEntry> features(JsonNode root) throws ModelFileException {
        JsonNode array = require(root, "features", "features");
        if (!array.isArray() || array.isEmpty()) {
            throw fail("features", "expected a non-empty array");
        }
        List<StageEntry> stages = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "features[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw fail(at, "expected an object");
            }
            String type = text(node, "type", at + ".type");
            switch (type) {
                case "unflatten": {
                    JsonNode shape = require(node, "shape", at + ".shape");
                    if (!shape.isArray() || shape.size() != 3) {
                        throw fail(at + ".shape", "expected [channels, height, width], got " + shown(shape));
                    }
                    int[] dims = new int[3];
                    for (int d = 0; d < 3; d++) {
                        dims[d] = positiveInt(shape, d, at + ".shape[" + d + "]");
                    }
                    stages.add(new StageEntry(type, dims, null, 0, null, null));
                    break;
                }
                case "convolution":
                    stages.add(new StageEntry(type, null, null, 0, text(node, "weight", at + ".weight"),
                            text(node, "bias", at + ".bias")));
                    break;
                case "activation": {
                    String activation = text(node, "activation", at + ".activation");
                    try {
                        Activation.named(activation);
                    } catch (IllegalArgumentException e) {
                        throw fail(at + ".activation", e.getMessage());
                    }
                    stages.add(new StageEntry(type, null, activation, 0, null, null));
                    break;
                }
                case "max_pooling":
                    stages.add(new StageEntry(type, null, null, positiveInt(node, "size", at + ".size"), null, null));
                    break;
                case "flatten":
                    stages.add(new StageEntry(type, null, null, 0, null, null));
                    break;
                default:
                    throw fail(at + ".type", "unknown stage '" + type
                            + "', expected unflatten, convolution, activation, max_pooling or flatten");
            }
        }
        return stages;
    }

    private int positiveInt(JsonNode array, int index, String field) throws ModelFileException {
        JsonNode node = array.get(index);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw fail(field, "expected a positive integer, got " + shown(node));
        }
        return node.intValue();
    }

    private List<LayerEntry> layers(JsonNode root) throws ModelFileException {
        JsonNode array = require(root, "layers", "layers");
        if (!array.isArray() || array.isEmpty()) {
            throw fail("layers", "expected a non-empty array");
        }
        List<LayerEntry> layers = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "layers[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw fail(at, "expected an object");
            }
            int inputN = positiveInt(node, "input_n", at + ".input_n");
            int outputN = positiveInt(node, "output_n", at + ".output_n");
            if (i > 0 && inputN != layers.get(i - 1).outputN()) {
                throw fail(at + ".input_n", "expected " + layers.get(i - 1).outputN()
                        + " (layers[" + (i - 1) + "].output_n), got " + inputN);
            }
            String activation = text(node, "activation", at + ".activation");
            try {
                Activation.named(activation);
            } catch (IllegalArgumentException e) {
                throw fail(at + ".activation", e.getMessage());
            }
            JsonNode lr = require(node, "lr", at + ".lr");
            if (!lr.isNumber() || !Double.isFinite(lr.doubleValue())) {
                throw fail(at + ".lr", "expected a finite number, got " + shown(lr));
            }
            String weight = text(node, "weight", at + ".weight");
            JsonNode biasNode = node.get("bias");
            String bias = biasNode == null || biasNode.isNull() ? null : text(node, "bias", at + ".bias");
            layers.add(new LayerEntry(inputN, outputN, activation, lr.doubleValue(), weight, bias));
        }
        return layers;
    }

    private List<Double> lossHistory(JsonNode root) throws ModelFileException {
        JsonNode array = require(root, "loss_history", "loss_history");
        if (!array.isArray()) {
            throw fail("loss_history", "expected an array of numbers, got " + array.getNodeType());
        }
        List<Double> history = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode value = array.get(i);
            if (value.isNumber()) {
                history.add(value.doubleValue());
            } else if (value.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(value.textValue())) {
                history.add(Double.valueOf(value.textValue()));
            } else {
                throw fail("loss_history[" + i + "]", "expected a number, got " + shown(value));
            }
        }
        return history;
    }

    private int positiveInt(JsonNode parent, String name, String field) throws ModelFileException {
        JsonNode node = require(parent, name, field);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw fail(field, "expected a positive integer, got " + shown(node));
        }
        return node.intValue();
    }

    private String text(JsonNode parent, String name, String field) throws ModelFileException {
        JsonNode node = require(parent, name, field);
        if (!node.isTextual()) {
            throw fail(field, "expected a string, got " + shown(node));
        }
        return node.textValue();
    }

    private JsonNode require(JsonNode parent, String name, String field) throws ModelFileException {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw fail(field, "missing");
        }
        return node;
    }

    /** A JSON value as it would be written, cut short so that messages stay readable. */
    private static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private ModelFileException fail(String field, String what) {
        return new ModelFileException(source + ": " + field + ": " + what);
    }
}

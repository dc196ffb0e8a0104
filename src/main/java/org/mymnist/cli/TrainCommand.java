package org.mymnist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mymnist.data.MnistData;
import org.mymnist.data.MnistFiles;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Model;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.LossKind;
import org.mymnist.training.OptimizerKind;
import org.mymnist.training.ActivationKind;
import org.mymnist.training.Recipe;
import org.mymnist.training.UpdateRule;
import org.mymnist.training.SeedLog;
import org.mymnist.training.Trainer;
import org.mymnist.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code my-mnist train}: trains a network and prints one line per epoch: the notebook's line for
 * the seed recipe, or loss, accuracy and seconds for the modern one.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on MNIST, printing one line after each epoch.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "seed", converter = RecipeConverter.class,
            description = "Starting recipe: seed, modern or cnn (default: ${DEFAULT-VALUE}). "
                    + "seed is the notebook as written; modern applies every fix; cnn is a convolutional network "
                    + "(LeNet's shape). Options below override it.")
    Recipe recipe;

    /** The recipes' {@link Recipe#epochs()}, as {@code --help} says them (a test checks that they agree). */
    @Option(names = "--epochs", paramLabel = "N",
            description = "Number of epochs (default: 50 for seed, 10 for modern, 3 for cnn).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the initial weights (numpy's) and of the shuffles (default: 2 for seed, as in the notebook; 1 for modern).")
    Long seed;

    @Mixin
    RecipeOptions options;

    @Mixin
    DataOption data;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE (zip).")
    Path save;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Write the history as CSV: epoch,loss,accuracy,train_seconds,eval_seconds.")
    Path history;

    /** The most epochs a run may ask for. */
    static final int MAX_EPOCHS = 100_000;

    @Override
    public Integer call() throws IOException {
        int epochCount = epochs != null ? epochs : recipe.epochs();
        checkRange("--epochs", epochCount, 1, MAX_EPOCHS, "");
        TrainingConfig config = options.config(recipe, seed);
        // Every output is checked before any work, then against the data files once they are known.
        Outputs outputs = new Outputs().add("--save", save).add("--history", history);
        MnistFiles files = MnistFiles.locate(data.data);
        outputs.checkAgainst(files);
        MnistData mnist = MnistData.read(files, config.dataType());
        options.checkFits(config, mnist);
        // The model file's size follows from the configuration: refused now rather than after training
        // (after the memory check: a network too big for memory is the first thing to say).
        outputs.checkRoom("--save", ModelFile.sizeBound(config.dataType(), config.parameterShapes(), epochCount),
                "the model");
        outputs.createFolders();
        Model model = config.newModel();
        Progress progress = Progress.onTerminal(System.err, epochCount);
        PrintStream out = System.out;
        if (recipe != Recipe.SEED) {
            out.println("Training " + config);
        }
        History result = new Trainer(model, config, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot())
                .epochs(epochCount)
                .onEpoch(epoch -> {
                    progress.clear();
                    out.println(recipe == Recipe.SEED ? SeedLog.epochLine(epoch) : line(epoch));
                    out.flush();
                    progress.show(epoch.epoch() + 1);
                })
                .run();
        progress.clear();
        if (save != null) {
            ModelFile.save(model, Outputs.target(save));
            out.println("Model saved to " + save);
        }
        if (history != null) {
            result.writeCsv(Outputs.target(history));
            out.println("History written to " + history);
        }
        return 0;
    }

    /**
     * Refuses a value outside {@code min..max} as a usage error that says the range.
     *
     * @param option the option, e.g. {@code --epochs}
     * @param value its value
     * @param why what the bounds are, e.g. {@code " (the training set's size)"}, or empty
     */
    static void checkRange(String option, long value, long min, long max, String why) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be between " + min + " and " + max + why + ", got " + value);
        }
    }

    /** The modern recipe's line: epoch from 1, loss, test accuracy and seconds. */
    static String line(Epoch e) {
        return String.format(Locale.ROOT, "epoch %d  loss %.4f  accuracy %.2f %%  train %.3f s  eval %.3f s",
                e.epoch() + 1, e.loss(), e.accuracy(), e.trainSeconds(), e.evalSeconds());
    }

    /** Reads {@code --recipe}: {@code seed}, {@code modern} or {@code cnn}. */
    static final class RecipeConverter implements picocli.CommandLine.ITypeConverter<Recipe> {
        @Override
        public Recipe convert(String value) {
            try {
                return Recipe.named(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The options that override a recipe, shared with {@code bench}. */
    static final class RecipeOptions {

        @Option(names = "--rule", paramLabel = "NAME",
                description = "Update rule: seed (the notebook's Layer.learn: mse and plain SGD only) or mean-gradient "
                        + "(the true mean gradient of each batch, then the optimizer's step). Default: seed for seed, "
                        + "mean-gradient for modern.")
        String rule;

        @Option(names = "--batch", paramLabel = "B",
                description = "Batch size. Shuffled: mini-batches of B in a new random order each epoch. Not shuffled: "
                        + "with the seed rule, the notebook's loop (n/B updates on input_data[::n/B]); with mean-gradient, "
                        + "batches of B in order.")
        Integer batch;

        @Option(names = "--shuffle", negatable = true,
                description = "Shuffled mini-batches (default: on for modern, off for seed).")
        Boolean shuffle;
        @Option(names = "--loss", paramLabel = "NAME", description = "Loss: mse or cross-entropy.")
        String loss;

        @Option(names = "--bias", negatable = true, description = "Give every layer a bias (default: on for modern).")
        Boolean bias;

        @Option(names = "--init", paramLabel = "NAME",
                description = "Initial weights: normal, xavier, he or pytorch (PyTorch's default scale; modern's "
                        + "default: xavier for sigmoid, he for relu; cnn: he).")
        String init;

        @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: sigmoid or relu.")
        String activation;

        @Option(names = "--hidden", paramLabel = "N,N", split = ",",
                description = "Hidden layer sizes, e.g. 32,16 or 256,128.")
        int[] hidden;

        @Option(names = "--conv", paramLabel = "N,N", split = ",",
                description = "Filters of each convolution stage (5x5, the hidden activation, max-pool 2) before the dense "
                        + "layers, e.g. 20,50 (cnn's) or 8,16; none for a dense network.")
        int[] conv;

        @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer: sgd, momentum or adam.")
        String optimizer;

        @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
        Double lr;

        @Option(names = "--lr-drop", paramLabel = "E[,E...]",
                description = "Epochs (counted from 1) from which the learning rate is multiplied by 0.1 once more, "
                        + "e.g. 3; none to keep it (cnn's default: 3; others: none).")
        String lrDrop;

        @Option(names = "--dtype", paramLabel = "TYPE", description = "Number type: float32 or float64.")
        String dtype;

        /** The widest hidden layer an option may ask for. */
        static final int MAX_HIDDEN = 100_000;

        /**
         * Checks the settings against the data before the network is built: the batch given fits in
         * the training set, and the network with the data fits in the memory this JVM may use.
         *
         * @param config the configuration
         * @param mnist the data it trains on
         * @throws UsageException naming the option: {@code --batch} with its range, {@code --hidden}
         *     with the memory needed and the memory there is
         */
        void checkFits(TrainingConfig config, MnistData mnist) {
            if (batch != null) {
                // The value given; a recipe's own batch (64) larger than a tiny set takes all of it.
                checkRange("--batch", batch, 1, mnist.trainSize(), " (the training set's size)");
            }
            int inputs = (int) mnist.trainImages().columns();
            String shortfall = NetworkMemory.shortfall(config, inputs, mnist.trainSize(), mnist.testSize());
            if (shortfall != null) {
                throw new UsageException((hidden != null ? "--hidden: " : "") + shortfall
                        + "; choose smaller --hidden or --batch, or give Java more memory (java -Xmx...)");
            }
        }

        /**
         * The recipe's configuration with these options applied.
         *
         * @throws UsageException naming the option, for a value the configuration refuses or
         *     settings that cannot train together
         */
        TrainingConfig config(Recipe recipe, Long seed) {
            TrainingConfig c = recipe.config();
            c = set(c, "--seed", seed, TrainingConfig::withRandomSeed);
            c = set(c, "--rule", rule, (t, name) -> t.withRule(UpdateRule.named(name)));
            c = set(c, "--batch", batch, TrainingConfig::withBatch);
            c = set(c, "--shuffle", shuffle, TrainingConfig::withShuffle);
            c = set(c, "--loss", loss, (t, name) -> t.withLoss(LossKind.named(name)));
            c = set(c, "--bias", bias, TrainingConfig::withBias);
            c = set(c, "--init", init, (t, name) -> t.withInit(Initializer.named(name)));
            c = set(c, "--activation", activation, (t, name) -> {
                if (!name.equals("sigmoid") && !name.equals("relu")) {
                    throw new IllegalArgumentException("unknown activation '" + name + "', expected sigmoid or relu");
                }
                return t.withActivation(ActivationKind.named(name));
            });
            if (hidden != null) {
                for (int size : hidden) {
                    checkRange("--hidden", size, 1, MAX_HIDDEN, " (neurons per hidden layer)");
                }
            }
            c = set(c, "--hidden", hidden, TrainingConfig::withHidden);
            c = set(c, "--conv", conv, TrainingConfig::withConvolutions);
            c = set(c, "--optimizer", optimizer, (t, name) -> t.withOptimizer(OptimizerKind.named(name)));
            c = set(c, "--lr", lr, TrainingConfig::withLearningRate);
            c = set(c, "--lr-drop", lrDrop, (t, text) -> t.withLearningRateDrops(epochs(text)));
            c = set(c, "--dtype", dtype, (t, name) -> {
                switch (name) {
                    case "float32":
                        return t.withDataType(DataType.FLOAT);
                    case "float64":
                        return t.withDataType(DataType.DOUBLE);
                    default:
                        throw new IllegalArgumentException("unknown type '" + name + "', expected float32 or float64");
                }
            });
            String problem = c.problem();
            if (problem != null) {
                throw new UsageException(problem);
            }
            return c;
        }

        /** {@code none} or epochs separated by commas, e.g. {@code 3} or {@code 2,4}. */
        private static int[] epochs(String text) {
            if (text.strip().equals("none")) {
                return new int[0];
            }
            String[] parts = text.split(",", -1);
            int[] epochs = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    epochs[i] = Integer.parseInt(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected none or epochs such as 3 or 2,4, got '"
                            + text + "'");
                }
            }
            return epochs;
        }

        /** Applies a value the user gave, if any; a value the configuration refuses is a usage error. */
        private static <T> TrainingConfig set(TrainingConfig c, String option, T value,
                java.util.function.BiFunction<TrainingConfig, T, TrainingConfig> change) {
            if (value == null) {
                return c;
            }
            try {
                return change.apply(c, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }
    }
}

package org.mymnist.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mymnist.data.MnistData;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code my-mnist predict}: the digit a saved model reads in one test image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the digit of one MNIST test image and draw the image.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train --save.")
    Path model;

    @Option(names = "--index", paramLabel = "N", required = true, description = "Index of the test image, from 0.")
    int index;

    @Mixin
    DataOption data;

    @Option(names = "--json", description = "Print JSON: index, predicted, label, probabilities.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Model loaded = ModelFile.load(model);
        MnistData mnist = MnistData.load(data.data);
        ModelFile.checkFits(loaded, model, (int) mnist.testImages().columns(), MnistData.CLASSES);
        if (index < 0 || index >= mnist.testSize()) {
            throw new UsageException("--index must be between 0 and " + (mnist.testSize() - 1)
                    + " (the test set has " + mnist.testSize() + " images), got " + index);
        }
        double[] probabilities = loaded.predict(mnist.testImages().getRow(index).toDoubleVector());
        int predicted = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[predicted]) {
                predicted = i;
            }
        }
        int label = mnist.testLabels()[index];
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("index", index);
            result.put("predicted", predicted);
            result.put("label", label);
            result.put("probabilities", probabilities);
            System.out.println(new ObjectMapper().writeValueAsString(result));
        } else {
            System.out.print(TerminalDigit.render(mnist.testPixels(index)));
            System.out.println("Test image " + index + ": predicted " + predicted + ", label " + label
                    + (predicted == label ? " (right)" : " (wrong)"));
        }
        return 0;
    }
}

package org.mymnist.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mymnist.data.MnistData;
import org.mymnist.evaluation.Evaluation;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Model;
import org.mymnist.training.SeedLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code my-mnist evaluate}: accuracy of a saved model on the test set, overall and per digit. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a saved model on the MNIST test set: accuracy, per digit, confusion.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by train --save.")
    Path model;

    @Mixin
    DataOption data;

    @Option(names = "--json", description = "Print JSON: accuracy, per_digit and confusion.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Model loaded = ModelFile.load(model);
        MnistData mnist = MnistData.load(data.data);
        ModelFile.checkFits(loaded, model, (int) mnist.testImages().columns(), MnistData.CLASSES);
        Evaluation evaluation = Evaluation.of(loaded, mnist.testImages(), mnist.testLabels());
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("accuracy", SeedLog.round(evaluation.accuracy(), 2));
            Map<String, Double> perDigit = new LinkedHashMap<>();
            double[] values = evaluation.perDigit();
            for (int d = 0; d < values.length; d++) {
                perDigit.put(Integer.toString(d), SeedLog.round(values[d], 2));
            }
            result.put("per_digit", perDigit);
            result.put("confusion", evaluation.confusion());
            System.out.println(new ObjectMapper().writeValueAsString(result));
        } else {
            System.out.println("Test accuracy: " + SeedLog.repr(SeedLog.round(evaluation.accuracy(), 2))
                    + " % on " + evaluation.size() + " images");
            System.out.println(evaluation.perDigitTable().print());
        }
        return 0;
    }
}

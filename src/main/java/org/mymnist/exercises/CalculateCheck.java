package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.t;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.dims;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.random;
import static org.mymnist.exercises.Matrices.shape;
import static org.mymnist.exercises.Matrices.tol;

import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exercise 3, a layer's {@code calculate}, the forward pass: the check, on four {@link Case}s
 * (sigmoid, softmax, a single row, float32), with the diagnosis of each finding beside it (the sums
 * returned, the wrong activation, {@code self.inputData} or {@code self.predictedOutput_} not kept).
 */
final class CalculateCheck {

    /**
     * One layer to run the student's calculate on.
     *
     * @param weight the layer's weights, inputs x outputs
     * @param input the batch, one row per example
     * @param activation the layer's activation
     */
    record Case(INDArray weight, INDArray input, Activation activation) {
    }

    private CalculateCheck() {
    }

    /** Sigmoid, softmax, a single row, float32; new arrays each time, so that no check sees another's changes. */
    static List<Case> cases() {
        return List.of(
                new Case(random(5, 3, 1.0, 11, DataType.DOUBLE), random(4, 5, 1.0, 12, DataType.DOUBLE), new Sigmoid()),
                new Case(random(5, 3, 1.0, 13, DataType.DOUBLE), random(4, 5, 1.0, 14, DataType.DOUBLE), new Softmax()),
                new Case(random(5, 3, 1.0, 15, DataType.DOUBLE), random(1, 5, 1.0, 16, DataType.DOUBLE), new Sigmoid()),
                new Case(random(5, 3, 1.0, 17, DataType.FLOAT), random(2, 5, 1.0, 18, DataType.FLOAT), new Sigmoid()));
    }

    /**
     * Checks a layer's forward pass: returns {@code z1 = self.activation(inputData . self.weight)},
     * keeps {@code self.inputData} and the sums {@code self.predictedOutput_}, leaves the weights.
     *
     * @param mine the student's calculate
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Calculate mine, Language lang) {
        return CheckRun.verdict("calculate", lang, c -> {
            List<Case> cases = cases();
            for (Case k : cases) {
                INDArray w = k.weight(), x = k.input().dup();
                Activation act = k.activation();
                StudentLayer self = new StudentLayer(w, 0.1, act);
                INDArray z = c.call(() -> mine.calculate(self, x), "calculate",
                        shapeHint(lang, x, w));
                c.unchanged(x, k.input(), "calculate", "inputData");
                if (!close(m(self.weight), m(w), 0)) {
                    c.fail("calculate a changé self.weight : elle ne fait que le lire (c'est learn qui le change).",
                            "calculate changed self.weight: it only reads it (learn changes it).");
                }
                INDArray y = x.mmul(w);
                INDArray want = act.apply(y);
                if (z == null) {
                    c.fail("calculate a renvoyé null : renvoyez z1 = self.activation.apply(y1).",
                            "calculate returned null: return z1 = self.activation.apply(y1).");
                }
                if (!Arrays.equals(z.shape(), want.shape())) {
                    c.fail("calculate renvoie la forme " + shape(z) + " pour une entrée " + shape(x) + " et des poids "
                            + shape(w) + " : on attend " + shape(want) + ", une ligne par exemple, inputData.mmul(self.weight).",
                            "calculate returns shape " + shape(z) + " for an input " + shape(x) + " and weights "
                            + shape(w) + ": expected " + shape(want) + ", one row per example, inputData.mmul(self.weight).");
                }
                if (close(m(z), m(y), tol(x)) && !close(m(want), m(y), tol(x))) {
                    c.fail("calculate renvoie les sommes y1 : elle renvoie z1 = self.activation.apply(y1).",
                            "calculate returns the sums y1: it returns z1 = self.activation.apply(y1).");
                }
                if (act instanceof Softmax && close(m(z), m(new Sigmoid().apply(y)), tol(x))) {
                    c.fail("calculate applique une sigmoïde à une couche softmax : utilisez self.activation, la fonction de"
                            + " la couche (la dernière couche du carnet est une softmax).",
                            "calculate applies a sigmoid to a softmax layer: use self.activation, the layer's own function"
                            + " (the seed's last layer is a softmax).");
                }
                if (!close(m(z), m(want), tol(x))) {
                    int[] at = firstDifference(m(z), m(want), tol(x));
                    c.fail("ligne " + at[0] + ", colonne " + at[1] + " : votre z1 vaut " + num(m(z)[at[0]][at[1]])
                            + ", on attend " + num(m(want)[at[0]][at[1]]) + " = self.activation.apply(inputData.mmul(self.weight)).",
                            "row " + at[0] + ", column " + at[1] + ": your z1 is " + num(m(z)[at[0]][at[1]])
                            + ", expected " + num(m(want)[at[0]][at[1]]) + " = self.activation.apply(inputData.mmul(self.weight)).");
                }
                if (z.dataType() != x.dataType()) {
                    c.fail("pour une entrée " + x.dataType() + " calculate renvoie du " + z.dataType()
                            + " : calculez à partir de inputData et self.weight, sans créer de tableau d'un autre type.",
                            "for a " + x.dataType() + " input calculate returns " + z.dataType()
                            + ": compute from inputData and self.weight, without creating an array of another type.");
                }
                if (self.inputData == null) {
                    c.fail("self.inputData est null : gardez l'entrée (self.inputData = inputData), learn en a besoin pour dw1.",
                            "self.inputData is null: keep the input (self.inputData = inputData), learn needs it for dw1.");
                }
                if (!close(m(self.inputData), m(x), 0)) {
                    c.fail("self.inputData n'est pas l'entrée : écrivez self.inputData = inputData.",
                            "self.inputData is not the input: write self.inputData = inputData.");
                }
                if (self.predictedOutput_ == null) {
                    c.fail("self.predictedOutput_ est null : gardez-y les sommes y1 (self.predictedOutput_ = y1) ; learn y"
                            + " prend la dérivée de l'activation.", "self.predictedOutput_ is null: keep the sums y1 in it"
                            + " (self.predictedOutput_ = y1); learn takes the activation's derivative there.");
                }
                if (close(m(self.predictedOutput_), m(want), tol(x)) && !close(m(want), m(y), tol(x))) {
                    c.fail("self.predictedOutput_ garde z1, après l'activation : il doit garder les sommes y1, avant elle.",
                            "self.predictedOutput_ holds z1, after the activation: it must hold the sums y1, before it.");
                }
                if (!close(m(self.predictedOutput_), m(y), tol(x))) {
                    c.fail("self.predictedOutput_ doit valoir les sommes y1 = inputData.mmul(self.weight).",
                            "self.predictedOutput_ must be the sums y1 = inputData.mmul(self.weight).");
                }
            }
            return t(lang, "z1, self.inputData et self.predictedOutput_ sont ceux de la bibliothèque sur " + cases.size()
                    + " couches (sigmoïde, softmax, une seule ligne, float32). Bravo !", "z1, self.inputData and"
                    + " self.predictedOutput_ are the library's on " + cases.size()
                    + " layers (sigmoid, softmax, a single row, float32). Well done!");
        });
    }

    private static String shapeHint(Language lang, INDArray x, INDArray w) {
        return t(lang, "inputData est " + dims(x) + " et self.weight " + dims(w) + " : les sommes sont inputData.mmul(self.weight),"
                + " " + x.rows() + " × " + w.columns() + ".", "inputData is " + dims(x) + " and self.weight " + dims(w)
                + ": the sums are inputData.mmul(self.weight), " + x.rows() + " x " + w.columns() + ".");
    }
}

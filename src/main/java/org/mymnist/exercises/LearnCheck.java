package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.t;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.dims;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.minus;
import static org.mymnist.exercises.Matrices.random;
import static org.mymnist.exercises.Matrices.scale;
import static org.mymnist.exercises.Matrices.shape;
import static org.mymnist.exercises.Matrices.tol;

import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exercise 4, a layer's {@code learn}, the seed's rule: the check, on four {@link Case}s (sigmoid,
 * softmax, a single row, float32), and the diagnosis of a wrong weight step (no {@code / outputN},
 * the wrong way, no learning rate, a mean, the derivative at z1) or a wrong error {@code e_0}.
 */
final class LearnCheck {

    /**
     * One layer to run the student's learn on.
     *
     * @param weight the layer's weights before the step, inputs x outputs
     * @param input the batch the layer calculated, one row per example
     * @param learningRate the layer's learning rate
     * @param activation the layer's activation
     */
    record Case(INDArray weight, INDArray input, double learningRate, Activation activation) {
    }

    private LearnCheck() {
    }

    /** Sigmoid, softmax, a single row, float32; new arrays each time, so that no check sees another's changes. */
    static List<Case> cases() {
        return List.of(
                new Case(random(5, 3, 1.0, 21, DataType.DOUBLE), random(4, 5, 1.0, 22, DataType.DOUBLE), 0.1, new Sigmoid()),
                new Case(random(3, 4, 1.0, 23, DataType.DOUBLE), random(2, 3, 1.0, 24, DataType.DOUBLE), 0.5, new Softmax()),
                new Case(random(5, 3, 1.0, 25, DataType.DOUBLE), random(1, 5, 1.0, 26, DataType.DOUBLE), 0.1, new Sigmoid()),
                new Case(random(4, 2, 1.0, 27, DataType.FLOAT), random(3, 4, 1.0, 28, DataType.FLOAT), 0.2, new Sigmoid()));
    }

    /**
     * Checks a layer's backward pass, the seed's rule: {@code e1 = e_2 / output_n * f'(y1)},
     * {@code e_0 = e1 . W^T} with the weights before the update, {@code W -= (e1^T . x)^T * lr} in place.
     *
     * @param mine the student's learn
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Learn mine, Language lang) {
        return CheckRun.verdict("learn", lang, c -> {
            List<Case> cases = cases();
            for (Case k : cases) {
                INDArray w0 = k.weight(), x = k.input();
                double lr = k.learningRate();
                Activation act = k.activation();
                INDArray e2 = random((int) x.rows(), (int) w0.columns(), 1.0, 29, x.dataType());
                Layer ref = new Layer(w0, lr, act);
                ref.calculate(x);
                INDArray wantE0 = ref.learn(e2.dup(), true);
                INDArray wantW = ref.weight();

                StudentLayer self = new StudentLayer(w0, lr, act);
                self.inputData = x.dup();
                self.predictedOutput_ = x.mmul(w0);
                INDArray y = self.predictedOutput_.dup(), xs = self.inputData.dup(), e2s = e2.dup();
                INDArray e0 = c.call(() -> mine.learn(self, e2s), "learn", learnShapeHint(lang, w0));
                c.unchanged(e2s, e2, "learn", "e_2");
                c.unchanged(self.inputData, xs, "learn", "self.inputData");
                c.unchanged(self.predictedOutput_, y, "learn", "self.predictedOutput_");
                learnWeights(c, lang, self, w0, wantW, x, y, e2, lr, act);
                learnError(c, lang, self, e0, wantE0, w0, e2, y, act);
            }
            return t(lang, "self.weight et e_0 sont ceux du Layer.learn de la bibliothèque sur " + cases.size()
                    + " couches (sigmoïde, softmax, une seule ligne, float32). Bravo !", "self.weight and e_0 are those of"
                    + " the library's Layer.learn on " + cases.size()
                    + " layers (sigmoid, softmax, a single row, float32). Well done!");
        });
    }

    private static String learnShapeHint(Language lang, INDArray w) {
        return t(lang, "self.weight est " + dims(w) + " : dw1 = e1ᵀ · x est " + w.columns() + " × " + w.rows()
                + ", transposez-le (dw1.transpose()) avant de le retirer de self.weight ; e_0 = e1.mmul(self.weight.transpose()).",
                "self.weight is " + dims(w) + ": dw1 = e1ᵀ · x is " + w.columns() + " x " + w.rows()
                + ", transpose it (dw1.transpose()) before subtracting it from self.weight; e_0 = e1.mmul(self.weight.transpose()).");
    }

    private static void learnWeights(CheckRun c, Language lang, StudentLayer self, INDArray w0, INDArray wantW,
                                     INDArray x, INDArray y, INDArray e2, double lr, Activation act) {
        double tol = tol(x);
        double[][] got = minus(m(self.weight), m(w0)), want = minus(m(wantW), m(w0));
        if (close(m(self.weight), m(w0), 0)) {
            c.fail("self.weight n'a pas changé : sub() renvoie un nouveau tableau et laisse self.weight tel quel ;"
                    + " subi() le change sur place : self.weight.subi(dw1.transpose().mul(self.lr)).",
                    "self.weight did not change: sub() returns a new array and leaves self.weight as it was;"
                    + " subi() changes it in place: self.weight.subi(dw1.transpose().mul(self.lr)).");
        }
        if (close(got, want, tol)) {
            if (self.weight.dataType() != w0.dataType()) {
                c.fail("self.weight a changé de type", "self.weight changed type");
            }
            return;
        }
        int n = self.outputN;
        long rows = x.rows();
        if (n > 1 && close(got, scale(want, n), tol)) {
            c.fail("le pas de self.weight est " + n + " fois trop grand : avez-vous oublié le / self.outputN de"
                    + " e1 = e_2 / self.outputN × f'(y1) ?", "the step of self.weight is " + n + " times too large:"
                    + " did you forget the / self.outputN in e1 = e_2 / self.outputN x f'(y1)?");
        }
        if (close(got, scale(want, -1), tol)) {
            c.fail("self.weight va dans le mauvais sens : le carnet retire le pas (self.weight -= dw1.T * self.lr),"
                    + " subi, pas addi.", "self.weight moves the wrong way: the seed subtracts the step"
                    + " (self.weight -= dw1.T * self.lr), subi, not addi.");
        }
        if (close(got, scale(want, 1 / lr), tol)) {
            c.fail("le pas de self.weight n'est pas multiplié par le taux d'apprentissage : dw1.transpose().mul(self.lr).",
                    "the step of self.weight is not multiplied by the learning rate: dw1.transpose().mul(self.lr).");
        }
        if (rows > 1 && close(got, scale(want, 1.0 / rows), tol)) {
            c.fail("le pas de self.weight est " + rows + " fois trop petit : une moyenne au lieu d'une somme ? Le carnet"
                    + " additionne les erreurs du lot (e1ᵀ · x), sans diviser par le nombre de lignes.",
                    "the step of self.weight is " + rows + " times too small: a mean instead of a sum? The seed"
                    + " adds up the batch's errors (e1ᵀ · x), without dividing by the number of rows.");
        }
        INDArray xd = x.castTo(DataType.DOUBLE), e2d = e2.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        INDArray atZ = e2d.div(n).mul(act.derivative(act.apply(yd)));
        if (close(got, m(xd.transpose().mmul(atZ).mul(-lr)), tol)) {
            c.fail("vous prenez la dérivée en z1 = activation(y1) ; le carnet la prend en y1, self.predictedOutput_ :"
                    + " self.activation.derivative(self.predictedOutput_).", "you take the derivative at z1 = activation(y1);"
                    + " the seed takes it at y1, self.predictedOutput_: self.activation.derivative(self.predictedOutput_).");
        }
        INDArray noDerivative = e2d.div(n);
        if (close(got, m(xd.transpose().mmul(noDerivative).mul(-lr)), tol)) {
            c.fail("il manque la dérivée de l'activation : e1 = e_2 / self.outputN × self.activation.derivative(self.predictedOutput_).",
                    "the activation's derivative is missing: e1 = e_2 / self.outputN x self.activation.derivative(self.predictedOutput_).");
        }
        int[] at = firstDifference(got, want, tol);
        c.fail("self.weight[" + at[0] + ", " + at[1] + "] a bougé de " + num(got[at[0]][at[1]]) + ", on attend "
                + num(want[at[0]][at[1]]) + " = -(e1ᵀ · x)ᵀ × lr, avec e1 = e_2 / self.outputN × f'(y1).",
                "self.weight[" + at[0] + ", " + at[1] + "] moved by " + num(got[at[0]][at[1]]) + ", expected "
                + num(want[at[0]][at[1]]) + " = -(e1ᵀ · x)ᵀ x lr, with e1 = e_2 / self.outputN x f'(y1).");
    }

    private static void learnError(CheckRun c, Language lang, StudentLayer self, INDArray e0, INDArray want,
                                   INDArray w0, INDArray e2, INDArray y, Activation act) {
        double tol = tol(w0);
        if (e0 == null) {
            c.fail("learn a renvoyé null : renvoyez e_0 = e1.mmul(self.weight.transpose()), l'erreur de la couche d'avant.",
                    "learn returned null: return e_0 = e1.mmul(self.weight.transpose()), the error of the layer before.");
        }
        if (!Arrays.equals(e0.shape(), want.shape())) {
            c.fail("e_0 a la forme " + shape(e0) + ", on attend " + shape(want) + " (une ligne par exemple, self.inputN"
                    + " colonnes) : e_0 = e1.mmul(self.weight.transpose()).", "e_0 has shape " + shape(e0) + ", expected "
                    + shape(want) + " (one row per example, self.inputN columns): e_0 = e1.mmul(self.weight.transpose()).");
        }
        if (close(m(e0), m(want), tol)) {
            if (e0.dataType() != want.dataType()) {
                c.fail("e_0 est du " + e0.dataType() + " pour une couche " + want.dataType(),
                        "e_0 is " + e0.dataType() + " for a " + want.dataType() + " layer");
            }
            return;
        }
        INDArray e2d = e2.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        INDArray e1 = e2d.div(self.outputN).mul(act.derivative(yd));
        if (close(m(e0), m(e1.mmul(self.weight.castTo(DataType.DOUBLE).transpose())), tol)) {
            c.fail("e_0 est calculée avec les poids déjà mis à jour : calculez e_0 avant self.weight.subi(...),"
                    + " comme le carnet.", "e_0 is computed with the updated weights: compute e_0 before"
                    + " self.weight.subi(...), as the seed does.");
        }
        if (close(m(e0), m(e2d.mmul(w0.castTo(DataType.DOUBLE).transpose())), tol)) {
            c.fail("e_0 est e_2 · Wᵀ : c'est e1 · Wᵀ, avec e1 = e_2 / self.outputN × f'(y1).",
                    "e_0 is e_2 · Wᵀ: it is e1 · Wᵀ, with e1 = e_2 / self.outputN x f'(y1).");
        }
        if (close(m(e0), scale(m(want), self.outputN), tol)) {
            c.fail("e_0 est " + self.outputN + " fois trop grande : il manque le / self.outputN de e1.",
                    "e_0 is " + self.outputN + " times too large: the / self.outputN of e1 is missing.");
        }
        int[] at = firstDifference(m(e0), m(want), tol);
        c.fail("e_0[" + at[0] + ", " + at[1] + "] vaut " + num(m(e0)[at[0]][at[1]]) + ", on attend "
                + num(m(want)[at[0]][at[1]]) + " = (e1 · Wᵀ), avec les poids d'avant la mise à jour.",
                "e_0[" + at[0] + ", " + at[1] + "] is " + num(m(e0)[at[0]][at[1]]) + ", expected "
                + num(m(want)[at[0]][at[1]]) + " = (e1 · Wᵀ), with the weights from before the update.");
    }
}

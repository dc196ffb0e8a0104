package org.mymnist.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mymnist.exercises.Solutions.MyMse;
import org.mymnist.exercises.Solutions.MySigmoid;
import org.mymnist.exercises.Solutions.StubMse;
import org.mymnist.exercises.Solutions.StubSigmoid;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Each check passes on the solution, and fails with its hint on the stub and on typical wrong answers. */
class CheckTest {

    private static final Language FR = Language.FRENCH;
    private static final Language EN = Language.ENGLISH;

    private static void passes(Verdict v) {
        assertTrue(v.passed(), v.text());
        v.orThrow();
        assertTrue(v.html().contains("#1a7f37"), v.html());
    }

    /** Fails, its message holds the hint, and orThrow throws it. */
    private static void failsWith(Verdict v, String hint) {
        assertFalse(v.passed(), "expected a failure with '" + hint + "', got: " + v.text());
        assertTrue(v.message().contains(hint), "expected '" + hint + "' in: " + v.message());
        AssertionError e = assertThrows(AssertionError.class, v::orThrow);
        assertTrue(e.getMessage().contains(hint));
        assertTrue(v.html().contains("#cf222e"));
    }

    // --- sigmoid ---------------------------------------------------------------------------------

    @Test
    void sigmoidSolutionPasses() {
        passes(Check.sigmoid(new MySigmoid(), FR));
        passes(Check.sigmoid(new MySigmoid(), EN));
    }

    @Test
    void sigmoidStubSaysWriteIt() {
        failsWith(Check.sigmoid(new StubSigmoid(), FR), "apply n'est pas encore écrite");
        failsWith(Check.sigmoid(new StubSigmoid(), EN), "apply is not written yet");
    }

    @Test
    void derivativeReturningSigmoidItself() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray derivative(INDArray x) {
                return apply(x);
            }
        }, EN), "your derivative at 0 gives 0.5, expected 0.25: did you return s(x) instead of s(x)(1 - s(x))?");
    }

    @Test
    void seedsDerivativeOverflowsForLargeNegativeSums() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray derivative(INDArray x) {
                INDArray e = Transforms.exp(x.neg(), true);
                return e.div(Transforms.pow(e.add(1), 2));
            }
        }, EN), "for x = -800 your derivative gives NaN");
    }

    @Test
    void derivativeOfXInsteadOfSigmoid() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray derivative(INDArray x) {
                return x.mul(x.rsub(1));
            }
        }, FR), "x (1 - x)");
    }

    @Test
    void sigmoidWithoutMinusSign() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray apply(INDArray x) {
                return Transforms.exp(x, true).addi(1).rdivi(1);
            }
        }, EN), "the minus sign is missing");
    }

    @Test
    void sigmoidChangingItsInput() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray apply(INDArray x) {
                return Transforms.exp(x.negi(), false).addi(1).rdivi(1);
            }
        }, EN), "apply changed x in place");
    }

    @Test
    void sigmoidOverflowingForLargePositiveSums() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray apply(INDArray x) {
                INDArray e = Transforms.exp(x, true);
                return e.div(e.add(1));
            }
        }, EN), "an exponential overflows");
    }

    @Test
    void sigmoidReturningDoubleForFloat() {
        failsWith(Check.sigmoid(new MySigmoid() {
            @Override
            public INDArray apply(INDArray x) {
                return super.apply(x).castTo(DataType.DOUBLE);
            }
        }, EN), "returns DOUBLE for x in FLOAT");
    }

    // --- mse -------------------------------------------------------------------------------------

    @Test
    void mseSolutionPasses() {
        passes(Check.meanSquaredError(new MyMse(), FR));
        passes(Check.meanSquaredError(new MyMse(), EN));
    }

    @Test
    void mseStubSaysWriteIt() {
        failsWith(Check.meanSquaredError(new StubMse(), EN), "value is not written yet");
    }

    @Test
    void mseSumInsteadOfMean() {
        failsWith(Check.meanSquaredError(new MyMse() {
            @Override
            public double value(INDArray p, INDArray t) {
                return Transforms.pow(p.sub(t), 2).sumNumber().doubleValue();
            }
        }, EN), "the sum of the squares");
    }

    @Test
    void mseMeanOverRows() {
        failsWith(Check.meanSquaredError(new MyMse() {
            @Override
            public double value(INDArray p, INDArray t) {
                return Transforms.pow(p.sub(t), 2).sumNumber().doubleValue() / p.rows();
            }
        }, EN), "divides by the number of rows");
    }

    @Test
    void mseDerivativeWithoutTwo() {
        failsWith(Check.meanSquaredError(new MyMse() {
            @Override
            public INDArray derivative(INDArray p, INDArray t) {
                return p.sub(t);
            }
        }, EN), "the factor 2 is missing");
    }

    @Test
    void mseDerivativeSign() {
        failsWith(Check.meanSquaredError(new MyMse() {
            @Override
            public INDArray derivative(INDArray p, INDArray t) {
                return t.sub(p).mul(2);
            }
        }, FR), "le signe est inversé");
    }

    @Test
    void mseDerivativeDividedByCount() {
        failsWith(Check.meanSquaredError(new MyMse() {
            @Override
            public INDArray derivative(INDArray p, INDArray t) {
                return p.sub(t).mul(2).div(p.length());
            }
        }, EN), "divided by the number of values");
    }

    @Test
    void mseDerivativeChangingPredicted() {
        failsWith(Check.meanSquaredError(new MyMse() {
            @Override
            public INDArray derivative(INDArray p, INDArray t) {
                return p.subi(t).muli(2);
            }
        }, EN), "derivative changed predicted in place");
    }

    // --- calculate -------------------------------------------------------------------------------

    @Test
    void calculateSolutionPasses() {
        passes(Check.calculate(Solutions::calculate, FR));
        passes(Check.calculate(Solutions::calculate, EN));
    }

    @Test
    void calculateStubSaysWriteIt() {
        failsWith(Check.calculate((self, x) -> Solutions.stub(), EN), "calculate is not written yet");
    }

    @Test
    void calculateReturningSums() {
        failsWith(Check.calculate((self, x) -> {
            Solutions.calculate(self, x);
            return self.predictedOutput_;
        }, EN), "calculate returns the sums y1");
    }

    @Test
    void calculateWithProductTheWrongWayRound() {
        failsWith(Check.calculate((self, x) -> self.activation.apply(self.weight.mmul(x)), EN),
                "the sums are inputData.mmul(self.weight)");
    }

    @Test
    void calculateForgettingTheInput() {
        failsWith(Check.calculate((self, x) -> {
            INDArray y1 = x.mmul(self.weight);
            self.predictedOutput_ = y1;
            return self.activation.apply(y1);
        }, EN), "self.inputData is null");
    }

    @Test
    void calculateKeepingOutputsInsteadOfSums() {
        failsWith(Check.calculate((self, x) -> {
            self.inputData = x;
            INDArray z1 = self.activation.apply(x.mmul(self.weight));
            self.predictedOutput_ = z1;
            return z1;
        }, FR), "self.predictedOutput_ garde z1");
    }

    @Test
    void calculateAlwaysUsingTheSigmoid() {
        failsWith(Check.calculate((self, x) -> {
            Solutions.calculate(self, x);
            return new MySigmoid().apply(self.predictedOutput_);
        }, EN), "use self.activation");
    }

    // --- learn -----------------------------------------------------------------------------------

    @Test
    void learnSolutionPasses() {
        passes(Check.learn(Solutions::learn, FR));
        passes(Check.learn(Solutions::learn, EN));
    }

    @Test
    void learnStubSaysWriteIt() {
        failsWith(Check.learn((self, e) -> Solutions.stub(), FR), "learn n'est pas encore écrite");
    }

    @Test
    void learnForgettingOutputN() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray e1 = e_2.mul(self.activation.derivative(self.predictedOutput_));
            INDArray e_0 = e1.mmul(self.weight.transpose());
            self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
            return e_0;
        }, EN), "did you forget the / self.outputN");
    }

    @Test
    void learnComputingTheErrorAfterTheUpdate() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray e1 = e_2.div(self.outputN).mul(self.activation.derivative(self.predictedOutput_));
            self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
            return e1.mmul(self.weight.transpose());
        }, EN), "e_0 is computed with the updated weights");
    }

    @Test
    void learnWithoutTransposingDw() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray e1 = e_2.div(self.outputN).mul(self.activation.derivative(self.predictedOutput_));
            INDArray e_0 = e1.mmul(self.weight.transpose());
            self.weight.subi(e1.transpose().mmul(self.inputData).mul(self.lr));
            return e_0;
        }, EN), "transpose it (dw1.transpose())");
    }

    @Test
    void learnNotInPlace() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray e1 = e_2.div(self.outputN).mul(self.activation.derivative(self.predictedOutput_));
            INDArray e_0 = e1.mmul(self.weight.transpose());
            self.weight.sub(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
            return e_0;
        }, EN), "sub() returns a new array");
    }

    @Test
    void learnAddingInsteadOfSubtracting() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray e1 = e_2.div(self.outputN).mul(self.activation.derivative(self.predictedOutput_));
            INDArray e_0 = e1.mmul(self.weight.transpose());
            self.weight.addi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
            return e_0;
        }, EN), "moves the wrong way");
    }

    @Test
    void learnWithTheMeanOfTheBatch() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray e1 = e_2.div(self.outputN).mul(self.activation.derivative(self.predictedOutput_));
            INDArray e_0 = e1.mmul(self.weight.transpose());
            self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr).div(e_2.rows()));
            return e_0;
        }, EN), "a mean instead of a sum");
    }

    @Test
    void learnWithTheDerivativeAtTheOutputs() {
        failsWith(Check.learn((self, e_2) -> {
            INDArray z = self.activation.apply(self.predictedOutput_);
            INDArray e1 = e_2.div(self.outputN).mul(self.activation.derivative(z));
            INDArray e_0 = e1.mmul(self.weight.transpose());
            self.weight.subi(e1.transpose().mmul(self.inputData).transpose().mul(self.lr));
            return e_0;
        }, EN), "the seed takes it at y1");
    }

    @Test
    void learnReturningNull() {
        failsWith(Check.learn((self, e_2) -> {
            Solutions.learn(self, e_2);
            return null;
        }, FR), "learn a renvoyé null");
    }

    // --- accuracy --------------------------------------------------------------------------------

    @Test
    void accuracySolutionPasses() {
        passes(Check.accuracy(Solutions::accuracy, FR));
        passes(Check.accuracy(Solutions::accuracy, EN));
    }

    @Test
    void accuracyStubSaysWriteIt() {
        failsWith(Check.accuracy((p, t) -> Solutions.<Double>stub(), EN), "accuracy is not written yet");
    }

    @Test
    void accuracyInPercent() {
        failsWith(Check.accuracy((p, t) -> 100 * Solutions.accuracy(p, t), EN), "do not multiply by 100");
    }

    @Test
    void accuracyCountingInsteadOfSharing() {
        failsWith(Check.accuracy((p, t) -> p.argMax(1).eq(t.argMax(1)).castTo(DataType.DOUBLE).sumNumber().doubleValue(),
                EN), "the number of right answers");
    }

    @Test
    void accuracyOverColumns() {
        failsWith(Check.accuracy((p, t) -> p.argMax(0).eq(t.argMax(0)).castTo(DataType.DOUBLE).meanNumber().doubleValue(),
                EN), "argMax(0)");
    }

    @Test
    void accuracyWithoutCastingTheBooleans() {
        failsWith(Check.accuracy((p, t) -> p.argMax(1).eq(t.argMax(1)).meanNumber().doubleValue(), EN),
                "turn them into numbers with castTo(DataType.DOUBLE) before meanNumber()");
    }

    // --- softmax + cross-entropy -----------------------------------------------------------------

    @Test
    void crossEntropySolutionPasses() {
        passes(Check.softmaxCrossEntropy(Solutions::gradient, FR));
        passes(Check.softmaxCrossEntropy(Solutions::gradient, EN));
    }

    @Test
    void crossEntropyStubSaysWriteIt() {
        failsWith(Check.softmaxCrossEntropy((p, t) -> Solutions.stub(), EN), "gradientOfSums is not written yet");
    }

    @Test
    void crossEntropyWithoutDividingByRows() {
        failsWith(Check.softmaxCrossEntropy((p, t) -> p.sub(t), EN), "divide by m = predicted.rows()");
    }

    @Test
    void crossEntropyDividedByEveryValue() {
        failsWith(Check.softmaxCrossEntropy((p, t) -> p.sub(t).div(p.length()), EN), "one term per row");
    }

    @Test
    void crossEntropyWithTheSigmoidFactor() {
        failsWith(Check.softmaxCrossEntropy((p, t) -> p.sub(t).mul(p).mul(p.rsub(1)).div(p.rows()), EN),
                "without that vanishing factor");
    }

    @Test
    void crossEntropySign() {
        failsWith(Check.softmaxCrossEntropy((p, t) -> t.sub(p).div(p.rows()), FR), "le signe est inversé");
    }

    @Test
    void crossEntropyGradientWithRespectToProbabilities() {
        failsWith(Check.softmaxCrossEntropy((p, t) -> t.div(p).neg().div(p.rows()), EN),
                "with respect to the probabilities p");
    }

    // --- verdicts --------------------------------------------------------------------------------

    @Test
    void verdictTextAndHtml() {
        Verdict v = new Verdict("learn", false, "a <b> & c", Language.FRENCH);
        assertEquals("✘ learn : a <b> & c", v.text());
        assertTrue(v.html().contains("a &lt;b&gt; &amp; c"));
        assertEquals("✔ learn: ok", new Verdict("learn", true, "ok", Language.ENGLISH).text());
    }
}

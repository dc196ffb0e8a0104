package org.mymnist.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Each optimizer's steps against the formulas computed by hand. */
class OptimizerTest {

    @Test
    void sgdSubtractsLearningRateTimesGradient() {
        INDArray w = Nd4j.createFromArray(new double[][] {{1.0, -2.0}});
        new Sgd(0.1).update(w, Nd4j.createFromArray(new double[][] {{0.5, 1.0}}));
        assertArrayEquals(new double[] {0.95, -2.1}, w.toDoubleVector(), 1e-15);
    }

    @Test
    void momentumAccumulatesVelocity() {
        INDArray w = Nd4j.createFromArray(new double[][] {{1.0}});
        Momentum m = new Momentum(0.1, 0.9);
        m.update(w, Nd4j.createFromArray(new double[][] {{1.0}}));   // v = 1, w = 0.9
        m.update(w, Nd4j.createFromArray(new double[][] {{1.0}}));   // v = 1.9, w = 0.71
        assertEquals(0.71, w.getDouble(0), 1e-15);
        // A zero gradient shows the velocity it kept: v = 0.9 * 1.9 = 1.71, w = 0.71 - 0.171
        m.update(w, Nd4j.createFromArray(new double[][] {{0.0}}));
        assertEquals(0.539, w.getDouble(0), 1e-15);
    }

    @Test
    void stateIsKeptForEachParameterByIdentity() {
        // Two parameters with the same values are two parameters: each has its own velocity.
        INDArray a = Nd4j.createFromArray(new double[][] {{1.0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{1.0}});
        Momentum m = new Momentum(0.1, 0.9);
        m.update(a, Nd4j.createFromArray(new double[][] {{1.0}}));   // v_a = 1, a = 0.9
        m.update(b, Nd4j.createFromArray(new double[][] {{1.0}}));   // v_b = 1 (not 1.9), b = 0.9
        assertEquals(0.9, a.getDouble(0), 1e-15);
        assertEquals(0.9, b.getDouble(0), 1e-15);
        Adam adam = new Adam(0.01);
        INDArray c = Nd4j.createFromArray(new double[][] {{0.0}});
        INDArray d = Nd4j.createFromArray(new double[][] {{0.0}});
        adam.update(c, Nd4j.createFromArray(new double[][] {{1.0}}));
        adam.update(d, Nd4j.createFromArray(new double[][] {{1.0}}));
        // Each is at its own first step, which moves by about lr.
        assertEquals(c.getDouble(0), d.getDouble(0), 0.0);
        assertEquals(-0.01, d.getDouble(0), 1e-6);
    }

    @Test
    void updateLeavesTheGradientUnchanged() {
        for (Optimizer optimizer : new Optimizer[] {new Sgd(0.1), new Momentum(0.1, 0.9), new Adam(0.1)}) {
            INDArray w = Nd4j.createFromArray(new double[][] {{1.0, 2.0}});
            INDArray g = Nd4j.createFromArray(new double[][] {{0.5, -0.25}});
            optimizer.update(w, g);
            optimizer.update(w, g);
            assertArrayEquals(new double[] {0.5, -0.25}, g.toDoubleVector(), 0.0, optimizer.name());
        }
    }

    @Test
    void velocityDecayTellsWhichRulesAreAVelocity() {
        assertEquals(OptionalDouble.of(0.0), new Sgd(0.1).velocityDecay());
        assertEquals(OptionalDouble.of(0.8), new Momentum(0.1, 0.8).velocityDecay());
        assertEquals(OptionalDouble.empty(), new Adam(0.1).velocityDecay());
    }

    @Test
    void adamMatchesTheFormulaOverThreeSteps() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] g = {0.5, -1.0, 2.0};
        INDArray w = Nd4j.createFromArray(new double[][] {{1.0, 2.0, 3.0}});
        Adam adam = new Adam(lr, b1, b2, eps);
        double[] expected = {1.0, 2.0, 3.0};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= 3; t++) {
            double[] gt = new double[3];
            for (int k = 0; k < 3; k++) {
                gt[k] = g[k] * t;   // a gradient that changes
                m[k] = b1 * m[k] + (1 - b1) * gt[k];
                v[k] = b2 * v[k] + (1 - b2) * gt[k] * gt[k];
                double mHat = m[k] / (1 - Math.pow(b1, t));
                double vHat = v[k] / (1 - Math.pow(b2, t));
                expected[k] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            adam.update(w, Nd4j.createFromArray(new double[][] {gt}));
            // sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps) differs from the textbook's
            // m_hat / (sqrt(v_hat) + eps) only through where eps sits: below 1e-7 here.
            assertArrayEquals(expected, w.toDoubleVector(), 1e-7, "step " + t);
        }
        // The first step of Adam moves each weight by about lr, whatever the gradient's size.
        INDArray u = Nd4j.createFromArray(new double[][] {{0.0, 0.0}});
        new Adam(0.01).update(u, Nd4j.createFromArray(new double[][] {{1e-3, -50.0}}));
        assertArrayEquals(new double[] {-0.01, 0.01}, u.toDoubleVector(), 1e-5);
    }

    @Test
    void namesAndChecks() {
        assertEquals("adam", Optimizer.named("adam", 0.001).name());
        assertEquals(0.9, ((Momentum) Optimizer.named("momentum", 0.1)).momentum());
        assertEquals("unknown optimizer 'rmsprop': expected sgd, momentum or adam",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.named("rmsprop", 0.1)).getMessage());
        assertEquals("learning rate must be a positive number, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(0)).getMessage());
        assertEquals("momentum must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0)).getMessage());
    }
}

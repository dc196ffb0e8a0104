package org.mymnist.optim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.mymnist.backend.StepWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba, 2015): running means of the gradient {@code m} and of its square {@code v},
 * corrected for their start at zero, give each weight its own step
 * <pre>
 * m = b1 m + (1 - b1) g        v = b2 v + (1 - b2) g^2
 * w -= lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)
 * </pre>
 * at step {@code t} (from 1).
 */
public final class Adam implements Optimizer {

    /** The name on the command line: {@value}. */
    public static final String NAME = "adam";

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    /** Each parameter's moments and step count, made on its first update (outside the step's workspace). */
    private final Map<INDArray, State> states = new IdentityHashMap<>();

    /** A parameter's moments and step count. */
    private static final class State {
        final INDArray m;
        final INDArray v;
        int step;

        State(INDArray parameter) {
            m = StepWorkspace.outside(() -> Nd4j.zeros(parameter.dataType(), parameter.shape()));
            v = StepWorkspace.outside(() -> Nd4j.zeros(parameter.dataType(), parameter.shape()));
        }
    }

    /**
     * Adam with the usual {@code b1 = 0.9}, {@code b2 = 0.999}, {@code eps = 1e-8}.
     *
     * @param learningRate the learning rate, positive (0.001 is usual)
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * Adam with the given settings.
     *
     * @param learningRate the learning rate, positive
     * @param beta1 decay of the mean of gradients, in [0, 1)
     * @param beta2 decay of the mean of squared gradients, in [0, 1)
     * @param epsilon added to {@code sqrt(v)}, positive
     */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Checks.positive(learningRate, "learning rate");
        this.beta1 = Checks.fraction(beta1, "beta1");
        this.beta2 = Checks.fraction(beta2, "beta2");
        this.epsilon = Checks.positive(epsilon, "epsilon");
    }

    @Override
    public void update(INDArray parameter, INDArray gradient) {
        State s = states.computeIfAbsent(parameter, State::new);
        s.step++;
        s.m.muli(beta1).addi(gradient.mul(1 - beta1));
        s.v.muli(beta2).addi(gradient.mul(gradient).muli(1 - beta2));
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(beta2, s.step)) / (1 - Math.pow(beta1, s.step));
        parameter.subi(s.m.div(Transforms.sqrt(s.v, true).addi(epsilon)).muli(stepSize));
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double rate) {
        this.learningRate = Checks.positive(rate, "learning rate");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "Adam(lr " + learningRate + ", beta1 " + beta1 + ", beta2 " + beta2 + ", eps " + epsilon + ")";
    }
}

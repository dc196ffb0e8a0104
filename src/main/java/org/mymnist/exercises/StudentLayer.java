package org.mymnist.exercises;

import java.util.Objects;
import org.mymnist.nn.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed's {@code Layer} as data, for the student's {@link Calculate} and {@link Learn}: its fields
 * are the seed's {@code self.weight}, {@code self.input_n}, {@code self.output_n}, {@code self.lr},
 * {@code self.activation}, {@code self.input_data} and {@code self.predicted_output_}, so that the
 * student's Java reads {@code self.weight} where the Python does.
 */
public final class StudentLayer {

    /** The weights, {@code inputN x outputN}: learn changes them in place ({@code subi}). */
    public final INDArray weight;
    /** Number of inputs of each neuron ({@code input_n}). */
    public final int inputN;
    /** Number of neurons ({@code output_n}). */
    public final int outputN;
    /** Learning rate ({@code lr}). */
    public final double lr;
    /** Activation function ({@code activation}). */
    public final Activation activation;
    /** The input of the last calculate ({@code input_data}), set by calculate. */
    public INDArray inputData;
    /** The sums {@code y1} of the last calculate, before the activation ({@code predicted_output_}), set by calculate. */
    public INDArray predictedOutput_;

    /**
     * A layer with the given weights.
     *
     * @param weight an {@code inputN x outputN} matrix, copied
     * @param lr learning rate
     * @param activation activation function
     */
    public StudentLayer(INDArray weight, double lr, Activation activation) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("weight must be a matrix");
        }
        this.weight = weight.dup('c');
        this.inputN = (int) weight.rows();
        this.outputN = (int) weight.columns();
        this.lr = lr;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /** Forgets the last calculate's arrays (which may live in a step's workspace that is now closed). */
    void forget() {
        inputData = null;
        predictedOutput_ = null;
    }

    @Override
    public String toString() {
        return "StudentLayer(" + inputN + " -> " + outputN + ", " + activation.name() + ", lr " + lr + ")";
    }
}

package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A test fixture: the sigmoid under another name ({@code custom-sigmoid}) and in a class of its
 * own, which the engines have no kernel for, as a student's own activation would be, so that the
 * fast engines refuse the model and training takes the readable path.
 */
public final class KernelFreeSigmoid implements Activation {

    private final Sigmoid sigmoid = new Sigmoid();

    @Override
    public INDArray apply(INDArray x) {
        return sigmoid.apply(x);
    }

    @Override
    public INDArray derivative(INDArray x) {
        return sigmoid.derivative(x);
    }

    @Override
    public String name() {
        return "custom-sigmoid";
    }
}

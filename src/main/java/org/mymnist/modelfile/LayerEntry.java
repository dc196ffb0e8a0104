package org.mymnist.modelfile;

/**
 * One element of {@code model.json}'s {@code layers} array.
 *
 * @param inputN {@code input_n}, number of inputs
 * @param outputN {@code output_n}, number of neurons
 * @param activation {@code activation}, the activation's name
 * @param lr {@code lr}, the learning rate
 * @param weight {@code weight}, the zip entry of the {@code input_n x output_n} weight matrix
 * @param bias {@code bias}, the zip entry of a bias vector, or null when there is none
 */
record LayerEntry(int inputN, int outputN, String activation, double lr, String weight, String bias) {
}

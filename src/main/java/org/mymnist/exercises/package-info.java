/**
 * Exercises: the student writes the seed's pieces (the sigmoid and its derivative, the mean squared
 * error and its derivative, a layer's {@code calculate} and {@code learn}, the accuracy, the gradient
 * of softmax with cross-entropy), and {@link org.mymnist.exercises.Check} runs each against the
 * library's own on fixed and random inputs, saying what is wrong when it is. Then
 * {@link org.mymnist.exercises.StudentNetwork} assembles the student's pieces into the seed's model.
 *
 * <p>One class per exercise holds its check and, beside it, its diagnosis, the likely mistake
 * behind a wrong answer ({@code SigmoidCheck}, {@code MseCheck}, {@code CalculateCheck},
 * {@code LearnCheck}, {@code AccuracyCheck}, {@code SoftmaxCrossEntropyCheck}, {@code SeedRunCheck});
 * the cases are records ({@code Batch}, each layer check's {@code Case}), {@code CheckRun} is the
 * verdict runner they share and {@code Matrices} their matrix helpers. {@code Check} is the
 * notebook's entry to them.
 *
 * <p>The student writes an {@link org.mymnist.nn.Activation} and a {@link org.mymnist.nn.Loss} as
 * small classes, and the layer's two methods as functions over a {@link org.mymnist.exercises.StudentLayer},
 * whose fields are the seed's {@code self.weight}, {@code self.input_data}...
 */
package org.mymnist.exercises;

package org.mymnist.training;

/**
 * What one training epoch gave.
 *
 * @param epoch the epoch number, from 0 as in the notebook
 * @param loss the mean training loss of the epoch (each update's loss measured before it)
 * @param accuracy the test accuracy after the epoch, in percent
 * @param trainSeconds seconds spent updating the weights
 * @param evalSeconds seconds spent measuring the accuracy
 */
public record Epoch(int epoch, double loss, double accuracy, double trainSeconds, double evalSeconds) {
}

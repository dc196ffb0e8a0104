package org.mymnist.training;

import java.util.OptionalDouble;

/**
 * What a {@link Trainer} trains, epoch after epoch, when it is not a library {@code Model}: one
 * pass over the training set, then the accuracy on the test set. The trainer's loop does the rest
 * (numbering and timing the epochs, the history, the listener on a thread of its own, the stop
 * button), so that the exercise notebook's network of the student's pieces
 * ({@code org.mymnist.exercises.StudentNetwork}) trains in the same loop as the library's models.
 */
public interface Trainable {

    /**
     * Trains one epoch.
     *
     * @param epoch the epoch, counted from 0 over every run of the trainer
     * @return the epoch's loss; empty when a stop came between two batches (the next call then
     *     finishes that epoch)
     */
    OptionalDouble trainEpoch(int epoch);

    /**
     * The accuracy on the test set after the epoch just trained.
     *
     * @return the share of test examples whose predicted digit is the target's, in [0, 1]
     */
    double testAccuracy();
}

package org.mymnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --rule} and {@code --no-shuffle}: which rule trains, and what each refuses. */
class TrainRuleTest {

    @TempDir
    static Path folder;

    static Path data;

    @BeforeAll
    static void writeTinyData() throws IOException {
        data = Files.createDirectories(folder.resolve("tiny"));
        MainTest.writeDataset(data, "train", 40);
        MainTest.writeDataset(data, "t10k", 20);
    }

    @Test
    void theSeedsRuleRefusesCrossEntropyAndNamesTheOtherRule() {
        MainTest.assertUsageError(MainTest.run("train", "--recipe", "seed", "--loss", "cross-entropy", "--data",
                data.toString()), "the seed's rule", "cross-entropy", "--rule mean-gradient");
    }

    @Test
    void theSeedsRuleRefusesMomentum() {
        MainTest.assertUsageError(MainTest.run("train", "--optimizer", "momentum", "--data", data.toString()),
                "plain gradient descent", "momentum", "--rule mean-gradient");
    }

    @Test
    void anUnknownRuleIsAUsageError() {
        MainTest.assertUsageError(MainTest.run("train", "--rule", "magic"), "--rule: unknown rule 'magic'",
                "seed or mean-gradient");
    }

    @Test
    void crossEntropyTrainsWithTheMeanGradientRule() {
        MainTest.Run run = MainTest.run("train", "--recipe", "seed", "--loss", "cross-entropy", "--rule",
                "mean-gradient", "--lr", "0.5", "--batch", "8", "--shuffle", "--epochs", "2", "--data", data.toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(2, run.out().lines().filter(l -> l.startsWith("Epoch : ")).count(), run.out());
    }

    @Test
    void noShuffleWithTheMeanGradientRuleTakesTheBatchesInOrder() {
        MainTest.Run run = MainTest.run("train", "--recipe", "modern", "--no-shuffle", "--batch", "8", "--epochs", "1",
                "--data", data.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith("Training 784-32-16-10 sigmoid"), run.out());
        assertTrue(run.out().lines().findFirst().orElse("").contains("batch 8 in order"), run.out());
    }

    @Test
    void theSeedsLoopWithoutShuffleIsSaidSo() {
        MainTest.Run run = MainTest.run("bench", "--recipe", "seed", "--epochs", "1", "--repeats", "1", "--data",
                data.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("seed's rule lr 0.001, batch all (notebook loop)"), run.out());
    }

    @Test
    void aLearningRateDropIsSaidInTheRunsFirstLine() {
        MainTest.Run run = MainTest.run("train", "--recipe", "modern", "--lr-drop", "2", "--batch", "8", "--epochs", "2",
                "--data", data.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().lines().findFirst().orElse("").contains("lr 0.05 (x0.1 from epoch 2)"), run.out());
    }

    @Test
    void aLearningRateDropThatIsNoEpochIsAUsageError() {
        MainTest.assertUsageError(MainTest.run("train", "--recipe", "modern", "--lr-drop", "three"),
                "--lr-drop: expected none or epochs such as 3 or 2,4, got 'three'");
        MainTest.assertUsageError(MainTest.run("train", "--recipe", "modern", "--lr-drop", "1"),
                "--lr-drop: learning rate drops are epochs from 2 on");
        MainTest.assertUsageError(MainTest.run("train", "--recipe", "seed", "--lr-drop", "3", "--data", data.toString()),
                "does not drop it", "--rule mean-gradient");
    }
}

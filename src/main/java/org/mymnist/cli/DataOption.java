package org.mymnist.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option shared by the commands that read MNIST. */
final class DataOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four IDX files (raw or .gz), read as is. "
                    + "Default: $MNIST_HOME, else the per-user cache (fetched when missing).")
    Path data;
}

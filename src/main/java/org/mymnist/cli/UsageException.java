package org.mymnist.cli;

/** A value the user gave that parses but cannot be used (exit code 2). */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}

package org.mymnist.backend;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The tests' entry point to ND4J, as a notebook's first cell and the library's entry points are:
 * {@link NativeBackend#configure()} before each test class, so that a test that builds the teaching
 * classes by hand runs with the same settings as a notebook. Registered for every test class by
 * {@code META-INF/services} and {@code junit.jupiter.extensions.autodetection.enabled}.
 */
public final class ConfiguredBackend implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        NativeBackend.configure();
    }
}

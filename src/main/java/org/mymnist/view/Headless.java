package org.mymnist.view;

/**
 * Makes Java 2D draw off screen. Pictures are drawn into images, never into windows, so the view
 * classes ask for {@code java.awt.headless=true} unless the user already chose; this only has an
 * effect before the first AWT class is used, and keeps a desktop session from opening a window or
 * a dock icon.
 */
final class Headless {

    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}

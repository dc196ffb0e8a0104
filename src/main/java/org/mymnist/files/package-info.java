/**
 * Files on disk, safely: what kind of file a path names before it is opened ({@link
 * org.mymnist.files.FileKind}: a pipe or a device would block a reader or be replaced by a
 * writer), whole-or-nothing writes ({@link org.mymnist.files.AtomicFile}) and the removal of their
 * temporary files when the JVM is stopped ({@link org.mymnist.files.TempFiles}).
 */
package org.mymnist.files;

package org.mymnist.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, looked at without opening it: opening a named pipe blocks until a writer
 * comes, a device can be read for ever, and a directory or a broken link would otherwise be
 * reported as a missing file. Readers call {@link #of} first and refuse anything but
 * {@link #REGULAR}, naming what they found ({@link #description()}).
 */
public enum FileKind {
    /** A regular file, directly or through symbolic links. */
    REGULAR("a regular file"),
    /** A directory. */
    DIRECTORY("a directory"),
    /** A named pipe, which blocks a reader until something writes into it. */
    FIFO("a named pipe (FIFO)"),
    /** A character or block device such as {@code /dev/zero}. */
    DEVICE("a device"),
    /** A Unix domain socket. */
    SOCKET("a socket"),
    /** Another special file. */
    OTHER("a special file (not a regular file)"),
    /** A symbolic link whose target does not exist. */
    DANGLING_LINK("a symbolic link to a file that does not exist"),
    /** Symbolic links that lead back to themselves. */
    LINK_LOOP("a symbolic link that loops (too many levels of links)"),
    /** Nothing: no file of that name. */
    MISSING("no such file");

    private static final int MAX_LINKS = 40;

    private final String description;

    FileKind(String description) {
        this.description = description;
    }

    /** What was found, for messages: "a directory", "a named pipe (FIFO)", ... */
    public String description() {
        return description;
    }

    /**
     * What a path names, following symbolic links.
     *
     * @param path the path
     * @return its kind; {@link #MISSING} also when a folder on the way is missing or unreadable
     */
    public static FileKind of(Path path) {
        if (path.toString().isEmpty()) {
            return DIRECTORY; // the empty path names the current folder
        }
        BasicFileAttributes link;
        try {
            link = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return MISSING;
        }
        if (link.isSymbolicLink()) {
            return followLinks(path);
        }
        return kind(path, link, LinkOption.NOFOLLOW_LINKS);
    }

    private static FileKind followLinks(Path path) {
        Path current = path;
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return hops == 0 ? MISSING : DANGLING_LINK;
            }
            if (!attributes.isSymbolicLink()) {
                return kind(current, attributes, LinkOption.NOFOLLOW_LINKS);
            }
            try {
                Path target = Files.readSymbolicLink(current);
                Path folder = current.toAbsolutePath().getParent();
                current = folder == null ? target : folder.resolve(target);
            } catch (IOException | UnsupportedOperationException e) {
                return OTHER;
            }
        }
        return LINK_LOOP;
    }

    private static FileKind kind(Path path, BasicFileAttributes attributes, LinkOption... options) {
        if (attributes.isRegularFile()) {
            return REGULAR;
        }
        if (attributes.isDirectory()) {
            return DIRECTORY;
        }
        try {
            int type = ((Integer) Files.getAttribute(path, "unix:mode", options)) & 0170000;
            switch (type) {
                case 0010000:
                    return FIFO;
                case 0020000:
                case 0060000:
                    return DEVICE;
                case 0140000:
                    return SOCKET;
                default:
                    return OTHER;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return OTHER; // no Unix attributes here (Windows): a special file all the same
        }
    }
}

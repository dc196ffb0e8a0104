package org.mymnist.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {

    @TempDir
    Path folder;

    @Test
    void sizesAreInMibWithOneDecimalNeedsRoundedUpFreeRoundedDown() {
        long mib = 1 << 20;
        assertEquals("125.7 MiB", DiskSpace.mib(125 * mib + 65 * mib / 100, true));
        assertEquals("125.6 MiB", DiskSpace.mib(125 * mib + 65 * mib / 100, false));
        assertEquals("0.1 MiB", DiskSpace.mib(1, true));
        assertEquals("0.0 MiB", DiskSpace.mib(1, false));
        assertEquals("1,536.0 MiB", DiskSpace.mib(1536 * mib, true));
        assertEquals("no room in /mnt/small for the model: 2.1 MiB needed, 1.9 MiB free",
                DiskSpace.noRoom(Path.of("/mnt/small"), "the model", 2 * mib + 1, 2 * mib - 1, null));
        assertEquals("no room in /d for x (No space left on device during the save): 1.0 MiB needed, 0.0 MiB free",
                DiskSpace.noRoom(Path.of("/d"), "x", mib, 0, "No space left on device during the save"));
    }

    @Test
    void aFullDiskOrQuotaIsToldFromOtherFailures() {
        IOException enospc = new IOException("No space left on device");
        assertTrue(DiskSpace.isFull(enospc));
        assertEquals("No space left on device", DiskSpace.reason(enospc));
        FileSystemException quota = new FileSystemException("/home/ada/m.zip", null, "Disk quota exceeded");
        assertTrue(DiskSpace.isFull(quota));
        assertEquals("Disk quota exceeded", DiskSpace.reason(quota));
        assertTrue(DiskSpace.isFull(new UncheckedIOException(enospc)), "as a cause");
        IOException other = new IOException("Permission denied");
        assertFalse(DiskSpace.isFull(other));
        assertNull(DiskSpace.reason(other));
        assertFalse(DiskSpace.isFull(new IOException()));
    }

    @Test
    void aFolderStillToBeCreatedIsMeasuredAtItsNearestExistingFolder() {
        List<Path> asked = new ArrayList<>();
        try (FakeDiskSpace fake = FakeDiskSpace.of(f -> {
            asked.add(f);
            return 42;
        })) {
            assertEquals(42, DiskSpace.usable(folder.resolve("no/such/dir")));
        }
        assertEquals(List.of(folder), asked);
        assertTrue(DiskSpace.usable(folder) > 0, "the system's probe is back");
    }
}

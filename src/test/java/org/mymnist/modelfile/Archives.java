package org.mymnist.modelfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.nd4j.linalg.factory.Nd4j;

/** Test helpers: a small model, and reading and rewriting the entries of an archive. */
final class Archives {

    private Archives() {
    }

    /** A 3 -> 2 sigmoid -> 2 softmax model with known weights and two losses. */
    static Model smallModel() {
        Layer first = new Layer(Nd4j.createFromArray(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}),
                0.01, new Sigmoid());
        Layer second = new Layer(Nd4j.createFromArray(new double[][] {{1.5, -1.5}, {0.25, 2}}),
                0.02, new Softmax());
        Model model = new Model(List.of(first, second), new MeanSquaredError());
        model.recordLoss(0.3);
        model.recordLoss(0.25);
        return model;
    }

    /** The entries of a zip archive, in order. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** Writes entries as a zip archive, every entry stored uncompressed. */
    static void write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }
}

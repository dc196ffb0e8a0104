package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir
    Path folder;

    @Test
    void csvKeepsTheLossExactAndTheAccuracyReadable() throws IOException {
        History h = new History();
        double accuracy = 8866 / 10000.0 * 100;   // 88.66000000000001 as a double
        h.add(new Epoch(0, 0.151419233487184, accuracy, 1.5, 0.25));
        h.add(new Epoch(1, 0.1, 100.0, 1.0, 0.0));
        h.add(new Epoch(2, 0.1, 0.0, 1.0, 0.0));
        Path csv = folder.resolve("out/history.csv");
        h.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(List.of(History.CSV_HEADER,
                "0,0.151419233487184,88.66,1.500000,0.250000",
                "1,0.1,100,1.000000,0.000000",
                "2,0.1,0,1.000000,0.000000"), lines);
        try (var files = Files.list(csv.getParent())) {
            assertEquals(1, files.count(), "no temporary file left beside the CSV");
        }
    }
}

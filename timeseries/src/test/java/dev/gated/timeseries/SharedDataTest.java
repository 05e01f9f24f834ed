package dev.gated.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedDataTest {

    @Test
    void findsSharedDataWalkingUp(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("shared/data"));
        Path deep = Files.createDirectories(tmp.resolve("main/timeseries"));
        assertEquals(data, SharedData.findFrom(deep));
    }

    @Test
    void explainsWhenNotFound(@TempDir Path tmp) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedData.findFrom(tmp));
        assertTrue(e.getMessage().contains("no shared/data folder found at " + tmp), e.getMessage());
    }

    @Test
    void realDataIsThere() {
        assertTrue(Files.isRegularFile(SharedData.file("airline-passengers/airline-passengers.csv")));
    }
}

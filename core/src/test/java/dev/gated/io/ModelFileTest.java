package dev.gated.io;

import dev.gated.model.ModelFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.recurrent.Bidirectional;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingFixtures;
import dev.gated.optim.AdamW;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    private Sequential trainedModel() {
        Sequential model = Sequential.input(12, 1).seed(5)
                .add(new Bidirectional(Recurrent.gru(6).returnSequences(true), Bidirectional.Merge.SUM))
                .add(Recurrent.simpleRnn(5))
                .add(new Dense(1));
        model.compile(new AdamW(0.01, 0.001), Loss.huber(1.0), GradientClipping.byGlobalNorm(1.0),
                LearningRateSchedule.cosine(10, 1e-4));
        model.metadata().put("target", "Passengers");
        model.fit(TrainingFixtures.sineData(64, 12), Fit.epochs(2).quiet());
        return model;
    }

    @Test
    void roundTripKeepsArchitectureWeightsOptimizerAndProvenance() throws IOException {
        Sequential model = trainedModel();
        Path file = dir.resolve("m.gated");
        model.save(file);
        Sequential loaded = Sequential.load(file);

        Tensor x = TrainingFixtures.sineData(10, 12).x();
        assertArrayEquals(model.predict(x).toFloatArray(), loaded.predict(x).toFloatArray());
        assertEquals(model.summary(), loaded.summary());
        assertEquals(2, loaded.epochsCompleted());
        assertEquals("adamw", loaded.optimizer().name());
        assertEquals(model.optimizer().iterations(), loaded.optimizer().iterations());
        assertEquals("huber", loaded.loss().name());
        assertEquals(GradientClipping.Kind.GLOBAL_NORM, loaded.clipping().kind());
        assertEquals(model.schedule().describe(), loaded.schedule().describe());
        assertEquals("Passengers", loaded.metadata().get("target"));
        assertArrayEquals(model.history().loss(), loaded.history().loss());
        String props = readEntry(file, ModelFile.PROPERTIES);
        for (String key : new String[] {"provenance.library_version", "provenance.java", "provenance.os", "seed=5"}) {
            assertTrue(props.contains(key), "model.properties lacks " + key + ":\n" + props);
        }
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Sequential model = trainedModel();
        Path file = dir.resolve("m.gated");
        Files.writeString(file, "old contents");
        model.save(file);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the model file should remain");
        }
        Sequential.load(file);
    }

    @Test
    void truncatedFileIsReportedAsTruncated() throws IOException {
        Path file = dir.resolve("m.gated");
        trainedModel().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.gated");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(cut));
        assertTrue(e.getMessage().contains("cut.gated") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void corruptedWeightsFailTheirChecksum() throws IOException {
        Path file = dir.resolve("m.gated");
        trainedModel().save(file);
        byte[] bytes = Files.readAllBytes(file);
        // the weights entry is stored deflated after the properties: flip bytes in the middle of the file
        int middle = bytes.length / 2;
        for (int i = 0; i < 8; i++) {
            bytes[middle + i] ^= (byte) 0x5A;
        }
        Path bad = dir.resolve("bad.gated");
        Files.write(bad, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(bad));
        assertTrue(e.getMessage().contains("bad.gated") && e.getMessage().contains("corrupted"), e.getMessage());
    }

    @Test
    void fileFromANewerFormatNamesBothVersions() throws IOException {
        Path file = dir.resolve("m.gated");
        trainedModel().save(file);
        Path future = dir.resolve("future.gated");
        int next = ModelFile.FORMAT_VERSION + 1;
        rewriteProperties(file, future, "format_version=" + ModelFile.FORMAT_VERSION, "format_version=" + next);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(future));
        assertTrue(e.getMessage().contains("newer Gated") && e.getMessage().contains("format version " + next)
                && e.getMessage().contains("up to " + ModelFile.FORMAT_VERSION), e.getMessage());
    }

    @Test
    void aMalformedNumberNamesItsKey() throws IOException {
        Path file = dir.resolve("m.gated");
        trainedModel().save(file);
        Path undigested = dir.resolve("undigested.gated");   // a file from before the digest, so the edit is read
        rewriteProperties(file, undigested, "(?m)^" + java.util.regex.Pattern.quote(ModelArchive.DIGEST_KEY) + "=.*$", "");
        Path units = dir.resolve("units.gated");
        rewriteProperties(undigested, units, "(?m)^layer\\.1\\.units=5$", "layer.1.units=5x");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(units));
        assertTrue(e.getMessage().contains("units.gated") && e.getMessage().contains("layer.1 (simple_rnn)")
                && e.getMessage().contains("units is \"5x\" where a whole number is expected"), e.getMessage());
        Path layers = dir.resolve("layers.gated");
        rewriteProperties(undigested, layers, "(?m)^layers=3$", "layers=three");
        ModelFileException count = assertThrows(ModelFileException.class, () -> Sequential.load(layers));
        assertTrue(count.getMessage().contains("layers.gated") && count.getMessage().contains("layers is \"three\""),
                count.getMessage());
    }

    @Test
    void anEditedHistoryOrSettingNamesItsKey() throws IOException {
        Path file = dir.resolve("m.gated");
        trainedModel().save(file);
        Path undigested = dir.resolve("undigested.gated");
        rewriteProperties(file, undigested, "(?m)^" + java.util.regex.Pattern.quote(ModelArchive.DIGEST_KEY) + "=.*$", "");
        String[][] edits = {
                {"(?m)^history\\.epochs=\\d+$", "history.epochs=-5", "history.epochs is -5 where a count (0 or more) is expected"},
                {"(?m)^history\\.epochs=\\d+$", "history.epochs=999", "lacks history."},
                {"(?m)^history\\.0=.*$", "history.0=1,0.5,x,0.01,0.2", "history.0 has the field \"x\" where a number is expected"},
                {"(?m)^history\\.0=.*$", "history.0=1,0.5", "history.0 has 2 fields where 5 are expected"},
                {"(?m)^precision=.*$", "precision=FLOAT16", "precision is \"FLOAT16\" where one of [FLOAT32, FLOAT64] is expected"},
                {"(?m)^input_shape=.*$", "", "lacks input_shape"}};
        for (int i = 0; i < edits.length; i++) {
            Path edited = dir.resolve("edited-" + i + ".gated");
            rewriteProperties(undigested, edited, edits[i][0], edits[i][1]);
            ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(edited), edits[i][1]);
            assertTrue(e.getMessage().contains("edited-" + i + ".gated") && e.getMessage().contains(edits[i][2]), e.getMessage());
        }
    }

    @Test
    void csvGivenAsModelSaysItIsText() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "Month,Passengers\n1949-01,112\n");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Sequential.load(csv));
        assertTrue(e.getMessage().contains("text file"), e.getMessage());
        ModelFileException missing = assertThrows(ModelFileException.class, () -> Sequential.load(dir.resolve("nope.gated")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    private static String readEntry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Rewrites model.properties, {@code find} a regular expression (multi-line). */
    private static void rewriteProperties(Path from, Path to, String find, String replace) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                byte[] data = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals(ModelFile.PROPERTIES)) {
                    data = new String(data, StandardCharsets.UTF_8).replaceAll(find, replace).getBytes(StandardCharsets.UTF_8);
                }
                if (e.getName().equals(ModelArchive.DIGEST) && find.contains(ModelArchive.DIGEST_KEY)) {
                    continue;   // the digest removed with its key: a file as written before digests
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
                out.closeEntry();
            }
        }
    }

    @Test
    void datasetRejectsMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, 5, 3, 1),
                        Tensor.zeros(dev.gated.tensor.Precision.FLOAT32, 4, 1)));
        assertTrue(e.getMessage().contains("5") && e.getMessage().contains("4"), e.getMessage());
    }
}

package dev.gated.io;

import dev.gated.model.ModelFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gated.layer.Dense;
import dev.gated.layer.Parameter;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.EpochRecord;
import dev.gated.model.Fit;
import dev.gated.model.Sequential;
import dev.gated.model.TrainingFixtures;
import dev.gated.optim.Adam;
import dev.gated.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random corruption of a saved model: every mutant must either be rejected with a
 * {@link ModelFileException} whose message names the file, or load bit-identical to the original (weights,
 * optimizer state, settings, history) — never load as a different model, never fail any other way.
 * Byte-level mutants (bit flips, overwritten bytes and header fields, truncation, insertion, deletion,
 * duplicated ranges) come from a seeded generator; entry-level mutants ({@link ModelFileMutants}) splice,
 * duplicate, drop and inflate ZIP entries.
 */
class ModelFileFuzzTest {

    static final long SEED = 20261129L;
    static final int BYTE_MUTANTS = 4000;

    @TempDir
    static Path dir;

    static byte[] original;
    static byte[] fingerprint;
    static byte[] otherModel; // same architecture, other seed: a source of entries to splice in

    @BeforeAll
    static void saveModels() throws IOException {
        original = save(model(3), "original.gated");
        fingerprint = fingerprint(Sequential.load(dir.resolve("original.gated")));
        otherModel = save(model(4), "other.gated");
    }

    /** A small trained model with optimizer state, history and metadata, so every part of the file is used. */
    static Sequential model(long seed) {
        Sequential m = Sequential.input(6, 1).seed(seed).add(Recurrent.lstm(3)).add(new Dense(1));
        m.compile(new Adam(0.01), Loss.mse());
        m.metadata().put("target", "Passengers");
        m.fit(TrainingFixtures.sineData(16, 6), Fit.epochs(2).batchSize(8).quiet());
        return m;
    }

    private static byte[] save(Sequential m, String name) throws IOException {
        Path file = dir.resolve(name);
        m.save(file);
        return Files.readAllBytes(file);
    }

    @Test
    void everyByteMutantIsRejectedNamingTheFileOrLoadsBitIdentical() throws IOException {
        Random random = new Random(SEED);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < BYTE_MUTANTS; i++) {
            byte[] mutant = ByteMutations.apply(original, random);
            outcomes.check("byte mutant " + i + " (seed " + SEED + ")", "mutant-" + i + ".gated", mutant);
        }
        System.out.println("model file fuzz: " + BYTE_MUTANTS + " byte mutants: " + outcomes);
        assertTrue(outcomes.rejected > BYTE_MUTANTS / 2, "most byte mutants should be rejected: " + outcomes);
    }

    @Test
    void everyEntryMutantIsRejectedNamingTheFile() throws IOException {
        Outcomes outcomes = new Outcomes();
        Map<String, byte[]> mutants = ModelFileMutants.entryMutants(original, otherModel);
        for (Map.Entry<String, byte[]> m : mutants.entrySet()) {
            outcomes.check("entry mutant: " + m.getKey(), "entry-" + outcomes.total() + ".gated", m.getValue());
        }
        System.out.println("model file fuzz: " + mutants.size() + " entry mutants: " + outcomes);
        // without the digest and its announcement a file reads as one saved before digests existed: its content
        // is the original's, so it may load (bit-identical, as checked); every other entry change must be refused
        assertEquals(List.of("drop digest.sha256", "digest announcement removed"), outcomes.loadedNames,
                "only the removal of the digest may load: " + outcomes);
    }

    /** The checks that refuse the entry-level mutants say what they found, not only that the file is bad. */
    @Test
    void entryMutantsAreRefusedForWhatTheyAre() throws IOException {
        Map<String, byte[]> mutants = ModelFileMutants.entryMutants(original, otherModel);
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("duplicate weights.bin (second copy from another model)", "two entries named weights.bin");
        expected.put("duplicate model.properties (first copy from another model)", "two entries named model.properties");
        expected.put("splice weights.bin from another model", "do not match the digest");
        expected.put("splice weights.bin and digest.sha256 from another model", "do not match the digest");
        expected.put("an extra entry", "do not match the digest");
        expected.put("weights size declared 2 GB", "more than deflate can produce");
        expected.put("weights size declared 1 byte smaller", "its parameter shapes need");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path file = dir.resolve("named.gated");
            Files.write(file, mutants.get(e.getKey()));
            ModelFileException x = org.junit.jupiter.api.Assertions.assertThrows(ModelFileException.class,
                    () -> Sequential.load(file), e.getKey());
            assertTrue(x.getMessage().contains(e.getValue()) && x.getMessage().contains("named.gated"),
                    e.getKey() + ": " + x.getMessage());
        }
    }

    /** Counts the outcomes; fails at once on a mutant that loads differently or fails the wrong way. */
    static final class Outcomes {
        int rejected;
        int identical;
        final List<String> loadedNames = new ArrayList<>();

        int total() {
            return rejected + identical;
        }

        void check(String what, String name, byte[] mutant) throws IOException {
            Path file = dir.resolve(name);
            Files.write(file, mutant);
            try {
                Sequential loaded = Sequential.load(file);
                if (!Arrays.equals(fingerprint, fingerprint(loaded))) {
                    fail(what + " loaded as a different model instead of being rejected");
                }
                identical++;
                loadedNames.add(what.replaceFirst("^entry mutant: ", ""));
            } catch (ModelFileException e) {
                if (!e.getMessage().contains(name)) {
                    fail(what + ": the message does not name the file: " + e.getMessage());
                }
                rejected++;
            } catch (Throwable t) {
                throw new AssertionError(what + " failed with " + t + " instead of a ModelFileException", t);
            } finally {
                Files.delete(file);
            }
        }

        @Override
        public String toString() {
            return rejected + " rejected with a ModelFileException naming the file, " + identical
                    + " loaded bit-identical";
        }
    }

    /** Every bit of what a load restores: architecture, weights, optimizer, settings, history. */
    static byte[] fingerprint(Sequential m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF(m.summary());
        out.writeLong(m.seed());
        out.writeInt(m.epochsCompleted());
        for (Parameter p : m.parameters()) {
            out.writeUTF(p.name());
            tensor(out, p.value());
        }
        out.writeUTF(m.optimizer().name());
        out.writeLong(m.optimizer().iterations());
        for (Tensor t : m.optimizer().state()) {
            tensor(out, t);
        }
        out.writeUTF(m.loss().name() + "|" + m.clipping().kind() + "|" + m.clipping().threshold() + "|"
                + m.schedule().describe());
        out.writeUTF(new TreeMap<>(m.metadata()).toString());
        out.writeUTF(new TreeMap<>(m.trainingConfig()).toString());
        for (EpochRecord r : m.history().epochs()) {
            out.writeUTF(r.toString());
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static void tensor(DataOutputStream out, Tensor t) throws IOException {
        out.writeUTF(t.shapeString());
        for (int i = 0; i < t.size(); i++) {
            out.writeLong(Double.doubleToRawLongBits(t.get(i)));
        }
    }

    @Test
    void theOriginalLoadsBitIdenticalAndCarriesADigest() throws IOException {
        Path file = dir.resolve("original.gated");
        assertArrayEquals(fingerprint, fingerprint(Sequential.load(file)));
        try (ModelArchive archive = ModelArchive.open(file)) {
            assertTrue(archive.hasDigest(), "a saved model records digest.sha256");
            String digest = new String(archive.read(ModelArchive.DIGEST), StandardCharsets.US_ASCII);
            assertTrue(digest.matches("sha256:[0-9a-f]{64}\n"), digest);
        }
    }

    /**
     * Files without a digest (as written before it existed) that were edited by hand: whatever the edit breaks,
     * the error is a ModelFileException naming the file, never a NullPointerException or NumberFormatException.
     */
    @Test
    void handEditedFilesWithoutADigestFailNamingTheFile() throws IOException {
        Map<String, String[]> edits = new java.util.LinkedHashMap<>();
        edits.put("history with more epochs than lines", new String[] {"history.epochs=2", "history.epochs=5"});
        edits.put("history line with a word", new String[] {"history.0=0,", "history.0=x,"});
        edits.put("history line cut short", new String[] {"history.1=1,", "history.1=1\n#"});
        edits.put("units of a layer", new String[] {"units=3", "units=15000"});
        edits.put("parameter count", new String[] {"parameters=5", "parameters=4"});
        edits.put("parameter shape", new String[] {"parameter.0.shape=1,12", "parameter.0.shape=1,1200000000"});
        edits.put("precision", new String[] {"precision=FLOAT32", "precision=FLOAT16"});
        edits.put("input shape", new String[] {"input_shape=6,1", "input_shape=6,x"});
        edits.put("optimizer iterations", new String[] {"optimizer.iterations=", "optimizer.iterations=z"});
        edits.put("epochs completed", new String[] {"epochs_completed=2", "epochs_completed=two"});
        Map<String, byte[]> entries = ModelFileMutants.entries(original);
        entries.remove(ModelArchive.DIGEST);
        String props = new String(entries.get(ModelFile.PROPERTIES), StandardCharsets.UTF_8)
                .replaceAll("(?m)^archive\\.digest=.*\n", "");
        int i = 0;
        for (Map.Entry<String, String[]> edit : edits.entrySet()) {
            String[] findReplace = edit.getValue();
            assertTrue(props.contains(findReplace[0]), "no \"" + findReplace[0] + "\" in\n" + props);
            entries.put(ModelFile.PROPERTIES, props.replace(findReplace[0], findReplace[1])
                    .getBytes(StandardCharsets.UTF_8));
            String name = "edited-" + i++ + ".gated";
            Path file = dir.resolve(name);
            Files.write(file, ModelFileMutants.zip(entries));
            ModelFileException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFileException.class,
                    () -> Sequential.load(file), edit.getKey());
            assertTrue(e.getMessage().contains(name), edit.getKey() + ": " + e.getMessage());
        }
    }
}

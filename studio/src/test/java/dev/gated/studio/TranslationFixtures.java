package dev.gated.studio;

import dev.gated.timeseries.SharedData;
import dev.gated.translate.Example;
import dev.gated.translate.ModelSpec;
import dev.gated.translate.ParallelCorpus;
import dev.gated.translate.TrainingOptions;
import dev.gated.translate.TransformerShape;
import dev.gated.translate.Translator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiny translation models for the Translate tab's tests, trained on the first 80 lines of the shared Tatoeba
 * English→French file (a few seconds for all three on 2 cores): they translate badly, but their files, tokens
 * and attention maps are real.
 */
final class TranslationFixtures {

    static final String ENG_FRA = "tatoeba-eng-fra/eng-fra.tsv";
    private static final java.util.Map<String, byte[]> MODELS = new java.util.HashMap<>();   // name → .gated bytes

    private TranslationFixtures() {
    }

    /** The first {@code lines} lines of the shared English→French file, as UTF-8 bytes. */
    static byte[] pairs(int lines) throws IOException {
        List<String> all = Files.readAllLines(SharedData.file(ENG_FRA), StandardCharsets.UTF_8);
        return (String.join("\n", all.subList(0, lines)) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A model of {@code name} (gru-dot, gru, transformer …) trained for 3 epochs on 80 pairs, saved as
     * {@code dir/name.gated}; trained once per test run, its file's bytes shared by the test classes.
     */
    static synchronized Path model(Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".gated");
        byte[] trained = MODELS.get(name);
        if (trained != null) {
            return Files.write(file, trained);
        }
        Path data = Files.write(dir.resolve("pairs-80.tsv"), pairs(80));
        List<Example> train = ParallelCorpus.read(data);
        ModelSpec spec = ModelSpec.parse(name, 16, 16, new TransformerShape(1, 2, 32, 0.0));
        Translator t = Translator.train(train, spec, TrainingOptions.defaults().withEpochs(3).withBatchSize(16).withLearningRate(0.01).withSeed(3), List.of());
        t.save(file);
        MODELS.put(name, Files.readAllBytes(file));
        return file;
    }
}

package dev.gated.cli;

import dev.gated.audio.AudioChunks;
import dev.gated.audio.AudioClip;
import dev.gated.audio.DigitClassifier;
import dev.gated.audio.MfccExtractor;
import dev.gated.audio.StreamingRecognizer;
import dev.gated.audio.WavReader;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.SpeechPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gated speech predict MODEL FILE.wav…}: the spoken digit of each file. With {@code --stream} the audio is
 * fed in chunks through the model's streaming state, printing the belief after each chunk, the latency per
 * chunk and the real-time factor (processing time / audio time). A file longer than {@link WavReader#WHOLE_FILE_LIMIT_SECONDS}
 * is always streamed from disk in bounded memory (a model that cannot stream, or --plot, is refused for it).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Say which digit (or class of the model's) each WAV file holds.")
final class SpeechPredictCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model saved by 'gated speech train'.")
    Path model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE.wav", description = "Recordings (any rate, mono or stereo).")
    List<Path> files;

    @Option(names = "--stream", description = "Feed the audio in chunks as it would arrive (needs a unidirectional "
            + "model trained with --normalise global).")
    boolean stream;

    @Option(names = "--chunk-ms", defaultValue = "100", description = "Chunk length with --stream (default: ${DEFAULT-VALUE}).")
    int chunkMs;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the waveform, the log-mel spectrogram and the "
            + "class probabilities after each frame (streamed; needs a streamable model) in one PNG (several inputs: "
            + "FILE-<wav name>.png).")
    Path plot;

    @Override
    public Integer call() throws IOException {
        if (chunkMs < 1) {
            throw usage("--chunk-ms must be >= 1, got " + chunkMs);
        }
        SpeechData.guard(model, "MODEL", files, plot);
        DigitClassifier classifier = DigitClassifier.load(model);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", file.toString());
            boolean whole = !stream && !WavReader.isLong(file);
            double[] p;
            if (whole) {
                AudioClip clip = WavReader.read(file);
                r.put("seconds", clip.seconds());
                p = classifier.probabilities(clip);
            } else {
                p = streamed(classifier, file, r);
            }
            int best = DigitClassifier.argmax(p);
            String label = classifier.classes().get(best);
            if (classifier.classes().equals(DigitClassifier.DIGITS)) {
                r.put("digit", best);
            }
            r.put("label", label);
            r.put("probability", p[best]);
            r.put("probabilities", p);
            if (plot != null) {
                AudioClip clip = WavReader.readWhole(file, "--plot", "leave out --plot to stream it in bounded memory");
                r.put("plot", plot(classifier, file, clip, label).toString());
            }
            results.add(r);
            if (!json) {
                io().out().printf(Locale.ROOT, "%s: %s (p=%.3f)%s%n", file, label, p[best], r.containsKey("chunks")
                        ? String.format(Locale.ROOT, "; streamed in %s chunks of %d ms: latency %.2f ms per chunk, real-time factor %.4f",
                        r.get("chunks"), chunkMs, (Double) r.get("ms_per_chunk"), (Double) r.get("real_time_factor")) : "");
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech predict");
            doc.put("model", model.toString());
            doc.put("stream", stream);
            doc.put("classes", classifier.classes());
            doc.put("results", results);
            Json.print(io().out(), doc);
        }
        return 0;
    }

    /**
     * Streams the file from disk in chunks of --chunk-ms at the model's rate (read, resampled and featurised a chunk at
     * a time: bounded memory); records the class after each chunk (up to {@value #MAX_BELIEFS} chunks), the latency
     * per chunk (reading, features, model step) and the real-time factor.
     */
    private double[] streamed(DigitClassifier classifier, Path file, Map<String, Object> r) throws IOException {
        StreamingRecognizer recognizer;
        try {
            recognizer = classifier.stream();
        } catch (IllegalStateException e) {
            if (stream) {
                throw e;
            }
            WavReader.readWhole(file, "a model that cannot stream", e.getMessage());
            throw e;
        }
        int rate = classifier.features().sampleRate();
        List<Integer> beliefs = new ArrayList<>();
        long start = System.nanoTime();
        int chunks = 0;
        double[] last;
        double seconds;
        try (AudioChunks audio = AudioChunks.open(file, rate, Math.max(1, rate * chunkMs / 1000))) {
            for (float[] x; (x = audio.next()) != null; chunks++) {
                double[] p = recognizer.accept(x);
                if (chunks < MAX_BELIEFS) {
                    beliefs.add(p == null ? -1 : DigitClassifier.argmax(p));
                }
            }
            last = recognizer.finish();
            seconds = audio.seconds();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        r.put("seconds", seconds);
        r.put("streamed", true);
        r.put("chunks", chunks);
        r.put("class_after_each_chunk", beliefs);
        r.put("ms_per_chunk", elapsed * 1000 / chunks);
        r.put("real_time_factor", elapsed / seconds);
        return last;
    }

    /** The most per-chunk beliefs reported for one file (10 minutes of 100 ms chunks); longer files report the final class. */
    static final int MAX_BELIEFS = 6000;

    /** The PNG for one file: the belief after every frame, from the stream fed one hop at a time. */
    private Path plot(DigitClassifier classifier, Path file, AudioClip clip, String label) throws IOException {
        AudioClip audio = clip.at(classifier.features().sampleRate());
        StreamingRecognizer recognizer;
        try {
            recognizer = classifier.stream();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--plot draws the belief after each frame by streaming, but " + e.getMessage(), e);
        }
        int hop = classifier.features().hop();
        float[] x = audio.samples();
        List<double[]> beliefs = new ArrayList<>();
        int seen = 0;
        for (int from = 0; from < x.length; from += hop) {
            double[] p = recognizer.accept(Arrays.copyOfRange(x, from, Math.min(x.length, from + hop)));
            for (; seen < recognizer.frames(); seen++) {
                beliefs.add(p);
            }
        }
        double[] last = recognizer.finish();
        for (; seen < recognizer.frames(); seen++) {
            beliefs.add(last);
        }
        List<String> classes = classifier.classes();
        Path png = SpeechPlot.pathFor(plot, file, files.size() > 1);
        SpeechPlot.write(png, file.getFileName() + ": " + label, x, audio.sampleRate(),
                new MfccExtractor(classifier.features()).logMel(audio), hop / (double) audio.sampleRate(),
                beliefs.toArray(double[][]::new), "class probabilities after each frame (streamed)", classes);
        return png;
    }
}

package dev.gated.cli;

import dev.gated.audio.AudioChunks;
import dev.gated.audio.AudioClip;
import dev.gated.audio.ConnectedDigits;
import dev.gated.audio.DigitTranscriber;
import dev.gated.audio.MfccExtractor;
import dev.gated.audio.TranscriptionStream;
import dev.gated.audio.WavReader;
import dev.gated.cli.output.Json;
import dev.gated.cli.output.SpeechPlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gated speech transcribe --model M FILE.wav…}: the digit string of each file, by prefix beam search and
 * greedily. With {@code --stream} the audio is fed in chunks through the model's streaming state and each digit is
 * printed when it is recognised, with the latency per chunk and the real-time factor. A file longer than
 * {@link WavReader#WHOLE_FILE_LIMIT_SECONDS} is always streamed from disk in bounded memory and decoded greedily (beam
 * search and --plot read the whole file and are refused for it).
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true, description = "Say which digits each WAV file holds, in order "
        + "(a model from 'gated speech train-ctc').")
final class SpeechTranscribeCommand extends BaseCommand {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A transcriber saved by 'gated speech train-ctc'.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE.wav", description = "Recordings (any rate, mono or stereo).")
    List<Path> files;

    @Option(names = "--beam", defaultValue = "8", paramLabel = "N", description = "Prefix beam width (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--stream", description = "Feed the audio in chunks as it would arrive and print digits as they are "
            + "recognised (greedy; needs a unidirectional model trained with --normalise global).")
    boolean stream;

    @Option(names = "--chunk-ms", defaultValue = "100", description = "Chunk length with --stream (default: ${DEFAULT-VALUE}).")
    int chunkMs;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the waveform, the log-mel spectrogram and the "
            + "per-frame CTC probabilities (blank in grey; the spikes are the CTC path) in one PNG (several inputs: "
            + "FILE-<wav name>.png).")
    Path plot;

    @Override
    public Integer call() throws IOException {
        if (chunkMs < 1) {
            throw usage("--chunk-ms must be >= 1, got " + chunkMs);
        }
        if (beam < 1) {
            throw usage("--beam: expected a width of at least 1 but found " + beam);
        }
        SpeechData.guard(model, "--model", files, plot);
        DigitTranscriber transcriber = DigitTranscriber.load(model);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Path file : files) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", file.toString());
            if (WavReader.isLong(file)) {
                if (plot != null) {
                    WavReader.readWhole(file, "--plot", "leave out --plot to transcribe it streamed in bounded memory");
                }
                streamed(transcriber, file, r);
                r.put("decoding", "greedy, streamed (the file is over the whole-file limit, so no beam search)");
                r.put("digits", r.get("streamed"));
                r.put("greedy", r.get("streamed"));
                results.add(r);
                report(r);
                continue;
            }
            AudioClip clip = WavReader.read(file);
            DigitTranscriber.Transcript t = transcriber.transcribe(clip, beam);
            r.put("seconds", clip.seconds());
            r.put("digits", ConnectedDigits.text(t.beam()));
            r.put("greedy", ConnectedDigits.text(t.greedy()));
            if (stream) {
                streamed(transcriber, file, r);
            }
            if (plot != null) {
                Path png = SpeechPlot.pathFor(plot, file, files.size() > 1);
                AudioClip audio = clip.at(transcriber.features().sampleRate());
                List<String> classes = new ArrayList<>(List.of("blank"));
                for (int d = 0; d < 10; d++) {
                    classes.add(Integer.toString(d));
                }
                SpeechPlot.write(png, file.getFileName() + ": " + r.get("digits"), audio.samples(), audio.sampleRate(),
                        new MfccExtractor(transcriber.features()).logMel(audio), transcriber.features().hop() / (double) audio.sampleRate(),
                        transcriber.frameProbabilities(audio), "per-frame CTC probabilities (softmax of the logits)", classes);
                r.put("plot", png.toString());
            }
            results.add(r);
            report(r);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "speech transcribe");
            doc.put("model", model.toString());
            doc.put("beam", beam);
            doc.put("stream", stream);
            doc.put("results", results);
            Json.print(io().out(), doc);
        }
        return 0;
    }

    /** The text lines of one file's result (nothing with --json). */
    private void report(Map<String, Object> r) {
        if (json) {
            return;
        }
        Object file = r.get("file");
        if (r.containsKey("decoding")) {
            io().out().printf(Locale.ROOT, "%s: %s (%s); %s chunks of %d ms, latency %.2f ms per chunk, real-time factor "
                    + "%.4f%n", file, r.get("digits"), r.get("decoding"), r.get("chunks"), chunkMs,
                    (Double) r.get("ms_per_chunk"), (Double) r.get("real_time_factor"));
            return;
        }
        io().out().printf(Locale.ROOT, "%s: %s (beam %d; greedy %s)%n", file, r.get("digits"), beam, r.get("greedy"));
        if (stream) {
            io().out().printf(Locale.ROOT, "  streamed in %s chunks of %d ms: %s — %s the offline greedy; latency %.2f ms "
                            + "per chunk, real-time factor %.4f%n", r.get("chunks"), chunkMs, r.get("emitted"),
                    r.get("greedy").equals(r.get("streamed")) ? "equal to" : "DIFFERENT from",
                    (Double) r.get("ms_per_chunk"), (Double) r.get("real_time_factor"));
        }
    }

    /**
     * Streams the file from disk in chunks of --chunk-ms at the model's rate (bounded memory); records the digits emitted
     * after each chunk ("" when none), the latency per chunk (reading, features, model step) and the real-time factor.
     */
    private void streamed(DigitTranscriber transcriber, Path file, Map<String, Object> r) throws IOException {
        TranscriptionStream stream = transcriber.stream();
        int rate = transcriber.features().sampleRate();
        StringBuilder emitted = new StringBuilder();
        long start = System.nanoTime();
        int chunks = 0;
        double seconds;
        try (AudioChunks audio = AudioChunks.open(file, rate, Math.max(1, rate * chunkMs / 1000))) {
            for (float[] x; (x = audio.next()) != null; chunks++) {
                emitted.append(ConnectedDigits.text(stream.accept(x))).append('|');
            }
            emitted.append(ConnectedDigits.text(stream.finish()));
            seconds = audio.seconds();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        r.putIfAbsent("seconds", seconds);
        r.put("streamed", ConnectedDigits.text(stream.digits()));
        r.put("chunks", chunks);
        r.put("emitted", emitted.toString());
        r.put("ms_per_chunk", elapsed * 1000 / chunks);
        r.put("real_time_factor", elapsed / seconds);
    }
}

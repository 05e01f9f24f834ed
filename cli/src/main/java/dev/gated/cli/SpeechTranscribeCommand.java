package dev.gated.cli;

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
import java.util.Arrays;
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
 * printed when it is recognised, with the latency per chunk and the real-time factor.
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
            AudioClip clip = WavReader.read(file);
            DigitTranscriber.Transcript t = transcriber.transcribe(clip, beam);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", file.toString());
            r.put("seconds", clip.seconds());
            r.put("digits", ConnectedDigits.text(t.beam()));
            r.put("greedy", ConnectedDigits.text(t.greedy()));
            if (stream) {
                streamed(transcriber, clip, r);
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
            if (!json) {
                io().out().printf(Locale.ROOT, "%s: %s (beam %d; greedy %s)%n", file, r.get("digits"), beam, r.get("greedy"));
                if (stream) {
                    io().out().printf(Locale.ROOT, "  streamed in %s chunks of %d ms: %s — %s the offline greedy; latency %.2f ms "
                                    + "per chunk, real-time factor %.4f%n", r.get("chunks"), chunkMs, r.get("emitted"),
                            r.get("greedy").equals(r.get("streamed")) ? "equal to" : "DIFFERENT from",
                            (Double) r.get("ms_per_chunk"), (Double) r.get("real_time_factor"));
                }
            }
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

    /** Streams the clip; records the digits emitted after each chunk ("" when none), the latency and the real-time factor. */
    private void streamed(DigitTranscriber transcriber, AudioClip clip, Map<String, Object> r) {
        AudioClip audio = clip.at(transcriber.features().sampleRate());
        TranscriptionStream stream = transcriber.stream();
        int chunk = Math.max(1, audio.sampleRate() * chunkMs / 1000);
        float[] x = audio.samples();
        List<String> emitted = new ArrayList<>();
        long start = System.nanoTime();
        for (int from = 0; from < x.length; from += chunk) {
            emitted.add(ConnectedDigits.text(stream.accept(Arrays.copyOfRange(x, from, Math.min(x.length, from + chunk)))));
        }
        emitted.add(ConnectedDigits.text(stream.finish()));
        double seconds = (System.nanoTime() - start) / 1e9;
        int chunks = emitted.size() - 1;
        r.put("streamed", ConnectedDigits.text(stream.digits()));
        r.put("chunks", chunks);
        r.put("emitted", String.join("|", emitted));
        r.put("ms_per_chunk", seconds * 1000 / chunks);
        r.put("real_time_factor", seconds / audio.seconds());
    }
}

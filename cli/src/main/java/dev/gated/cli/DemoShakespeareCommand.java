package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.data.Dataset;
import dev.gated.layer.Dense;
import dev.gated.layer.Embedding;
import dev.gated.layer.recurrent.Recurrent;
import dev.gated.loss.Loss;
import dev.gated.model.Fit;
import dev.gated.model.History;
import dev.gated.model.ProgressBar;
import dev.gated.model.Sequential;
import dev.gated.optim.Adam;
import dev.gated.tensor.Shape;
import dev.gated.text.CharSampler;
import dev.gated.text.CharVocabulary;
import dev.gated.text.lm.SamplingSpeed;
import dev.gated.text.lm.StreamLoss;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated demo shakespeare}: a character-level language model on tiny-shakespeare (karpathy/char-rnn).
 * <pre>
 *   text = first --chars characters;  V = its distinct characters
 *   x[n] = text[n·s .. n·s + L),  y[n] = text[n·s + 1 .. n·s + L + 1)   (L = --sequence, 64; s = --stride, L;
 *                                                                         y = x shifted by one)
 *   L > 64: truncated BPTT (char-rnn): each batch of sequences in chunks of 64 steps, the LSTM state carried
 *           from chunk to chunk, one optimizer step per chunk
 *   Embedding(V, 32) ─► LSTM(128, all steps) ─► Dense(V) logits at every step;  input of any length
 *   sparse categorical cross-entropy from logits over all N·L predicted characters; Adam
 *   generation by stepping: state = zeros;  z = step(state, prompt)  (the prompt once, as one chunk);
 *               repeat --length times: c ~ softmax(z / temperature);  z = step(state, c)
 *   --sampler-reps R: also times the former windowed sampler (z = last step of predict(last 64 characters),
 *               64 steps per character) against stepping on the same model, temperature 1 ({@link SamplingSpeed}):
 *               warm-up, then R interleaved repetitions of each, median characters per second
 * </pre>
 * Loss is in nats per predicted character, averaged over every step of the training windows. {@code --holdout F}
 * trains on the first 1 − F of the text and reports the loss on the rest twice: read as one stream from a zero
 * state (what stepped generation sees) and in 64-character windows each from a zero state.
 */
@Command(name = "shakespeare", mixinStandardHelpOptions = true,
        description = {"Train a character-level LSTM(128) on tiny-shakespeare and generate text from it.",
                "Each 64-character window predicts the next character at every step (targets = the window shifted by one); "
                        + "the reported loss is in nats per predicted character, averaged over all steps of all windows."})
final class DemoShakespeareCommand extends BaseCommand {

    static final String DATA = "tiny-shakespeare/input.txt";
    static final int WINDOW = 64;
    static final int EMBEDDING = 32;
    static final int UNITS = 128;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--chars", defaultValue = "1200000", description = "Train on the first N characters "
            + "(default: ${DEFAULT-VALUE}, i.e. all 1,115,394 of tiny-shakespeare).")
    int chars;

    @Option(names = "--stride", description = "Characters between sequence starts (default: the sequence length, "
            + "non-overlapping; smaller values overlap them).")
    Integer stride;

    @Option(names = "--sequence", defaultValue = "64", description = "Characters per training sequence (default: ${DEFAULT-VALUE}); "
            + "longer sequences are trained by truncated BPTT in chunks of 64 steps, the LSTM state carried from chunk "
            + "to chunk (char-rnn's training).")
    int sequence;

    @Option(names = "--length", defaultValue = "400", description = "Characters to generate (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature, > 0; lower is more conservative (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--prompt", description = "Seed text for generation, fed once before sampling (default: the first 64 "
            + "characters of the text); any length.")
    String prompt;

    @Option(names = "--sampler-reps", defaultValue = "0", description = "After training, time stepped sampling against the "
            + "former windowed sampler (a 64-step forward pass per character): warm-up, then this many interleaved "
            + "repetitions of each; reports the median characters per second (default: ${DEFAULT-VALUE}, no timing).")
    int samplerReps;

    @Option(names = "--holdout", defaultValue = "0", description = "Hold out the last fraction of the text (e.g. 0.1): "
            + "train on the rest and report the held-out loss, as one stream and in 64-character windows (default: ${DEFAULT-VALUE}, none).")
    double holdout;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the weights, the shuffling and the sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--data", paramLabel = "FILE", description = "The text file (default: shared/data/" + DATA
            + " found upwards from the working directory, or under $GATED_SHARED_DATA).")
    Path data;

    @Override
    public Integer call() throws IOException {
        validate();
        Path file = data != null ? data : DemoSentimentCommand.sharedData(DATA);
        FileGuard.input(file, "--data");
        String all = Files.readString(file, StandardCharsets.UTF_8);
        if (all.length() < WINDOW + 1) {
            throw new IllegalArgumentException(file + " holds " + all.length() + " characters but a window needs " + (WINDOW + 1));
        }
        String text = all.substring(0, Math.min(chars, all.length()));
        if (text.length() < WINDOW + 1) {
            throw usage("--chars must be >= " + (WINDOW + 1) + " (a " + WINDOW + "-character window and the next), got " + chars);
        }
        if (text.length() < sequence + 1) {
            throw usage("--sequence must be < --chars (a sequence and the next character), got " + sequence
                    + " for " + text.length() + " characters");
        }
        int step = stride == null ? sequence : stride;
        CharVocabulary vocabulary = CharVocabulary.of(text);
        String held = "";
        if (holdout > 0) {
            int split = (int) (text.length() * (1 - holdout));
            held = text.substring(split);
            text = text.substring(0, split);
            if (text.length() < sequence + 1 || held.length() < WINDOW + 1) {
                throw usage("--holdout " + holdout + " leaves " + text.length() + " characters to train on and " + held.length()
                        + " held out; each needs more than a sequence (" + sequence + ") and a window (" + WINDOW + ")");
            }
        }
        String start = prompt == null ? text.substring(0, WINDOW) : prompt;
        for (int i = 0; i < start.length(); i++) {
            if (!vocabulary.contains(start.charAt(i))) {
                throw usage("--prompt: character '" + start.charAt(i) + "' at position " + (i + 1)
                        + " does not occur in the first " + text.length() + " characters of the text");
            }
        }
        Dataset windows = vocabulary.sequences(text, sequence, step);
        Sequential model = Sequential.input(Shape.anyLength())
                .add(new Embedding(vocabulary.size(), EMBEDDING, false))
                .add(Recurrent.lstm(UNITS).returnSequences(true))
                .add(new Dense(vocabulary.size()))
                .seed(seed);
        model.compile(new Adam(learningRate), Loss.sparseCategoricalCrossEntropy(true));
        Fit fit = Fit.epochs(epochs).batchSize(64).quiet();
        if (sequence > WINDOW) {
            fit.truncatedBptt(WINDOW);
        }
        if (!json) {
            io().out().printf(Locale.ROOT, "%,d characters of %s, %d distinct; %,d sequences of %d (stride %d) -> next character at every step%s%n",
                    text.length(), file.getFileName(), vocabulary.size(), windows.size(), sequence, step,
                    sequence > WINDOW ? "; truncated BPTT in chunks of " + WINDOW : "");
            io().out().print(model.summary());
            fit.listener(new ProgressBar(io().out(), io().interactive()));
        }
        long t0 = System.nanoTime();
        History history = model.fit(windows, fit);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        String generated = length == 0 ? "" : CharSampler.stepped(model, vocabulary, start, length, temperature, new Random(seed));
        double generateSeconds = (System.nanoTime() - t1) / 1e9;
        double heldStream = held.isEmpty() ? Double.NaN : StreamLoss.streams(model, vocabulary.encode(held), 1, 256);
        double heldWindows = held.isEmpty() ? Double.NaN : model.evaluate(vocabulary.sequences(held, WINDOW, WINDOW));
        SamplingSpeed timing = samplerReps > 0 && length > 0
                ? SamplingSpeed.measure(model, vocabulary, WINDOW, start, length, samplerReps, warmupSeconds, seed) : null;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "demo shakespeare");
            doc.put("seed", seed);
            doc.put("chars", text.length());
            doc.put("vocabulary", vocabulary.size());
            doc.put("windows", windows.size());
            doc.put("window", WINDOW);
            doc.put("sequence", sequence);
            doc.put("stride", step);
            doc.put("truncated_bptt", sequence > WINDOW ? WINDOW : 0);
            doc.put("params", model.parameterCount());
            doc.put("epochs", history.size());
            doc.put("loss", history.loss());
            doc.put("final_loss", history.finalLoss());
            doc.put("temperature", temperature);
            doc.put("prompt", start);
            doc.put("generated", generated);
            if (!held.isEmpty()) {
                doc.put("holdout", holdout);
                doc.put("heldout_chars", held.length());
                doc.put("heldout_loss_stream", heldStream);
                doc.put("heldout_loss_windows", heldWindows);
            }
            doc.put("train_seconds", trainSeconds);
            doc.put("generate_seconds", generateSeconds);
            if (timing != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("characters", length);
                t.put("temperature", 1.0);
                t.put("prompt_chars", start.length());
                t.put("stepped_warmup_runs", timing.steppedWarmup());
                t.put("windowed_warmup_runs", timing.windowedWarmup());
                t.put("repetitions", samplerReps);
                t.put("stepped_chars_per_second", timing.stepped());
                t.put("windowed_chars_per_second", timing.windowed());
                t.put("speedup", timing.speedup());
                doc.put("sampling", t);
            }
            Json.print(io().out(), doc);
        } else {
            double[] loss = history.loss();
            for (int e = 0; e < loss.length; e++) {
                io().out().printf(Locale.ROOT, "epoch %d: loss %.4f nats/char (%.3f bits/char, per predicted character over all steps)%n", e + 1, loss[e], loss[e] / Math.log(2));
            }
            if (!held.isEmpty()) {
                io().out().printf(Locale.ROOT, "held-out loss on the last %,d characters: %.4f nats/char read as one stream, "
                        + "%.4f in %d-character windows from a zero state%n", held.length(), heldStream, heldWindows, WINDOW);
            }
            io().out().printf(Locale.ROOT, "training %.1f s, generating %d characters %.2f s by stepping; temperature %s%n",
                    trainSeconds, length, generateSeconds, temperature);
            if (timing != null) {
                io().out().printf(Locale.ROOT, "sampling speed (median of %d runs of %d characters after warm-up): "
                                + "stepping %,.0f chars/s, windowed (64-step forward per character) %,.0f chars/s: %.1fx%n",
                        samplerReps, length, timing.stepped(), timing.windowed(),
                        timing.speedup());
            }
            io().out().println("--- prompt ---");
            io().out().println(start);
            io().out().println("--- generated ---");
            io().out().println(generated);
        }
        return 0;
    }

    private void validate() {
        if (epochs < 1) {
            throw usage("--epochs must be >= 1, got " + epochs);
        }
        if (sequence < 1) {
            throw usage("--sequence must be >= 1, got " + sequence);
        }
        if (stride != null && stride < 1) {
            throw usage("--stride must be >= 1, got " + stride);
        }
        if (length < 0) {
            throw usage("--length must be >= 0, got " + length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw usage("--temperature must be a finite number > 0, got " + temperature);
        }
        if (!(learningRate > 0)) {
            throw usage("--learning-rate must be > 0, got " + learningRate);
        }
        if (!(holdout >= 0 && holdout < 1)) {
            throw usage("--holdout must be in [0, 1), got " + holdout);
        }
        if (samplerReps < 0) {
            throw usage("--sampler-reps must be >= 0, got " + samplerReps);
        }
        if (prompt != null && prompt.isEmpty()) {
            throw usage("--prompt must not be empty");
        }
    }

    /** The least warm-up per sampler, in seconds, before timing; tests lower it. */
    static volatile double warmupSeconds = 1.5;
}

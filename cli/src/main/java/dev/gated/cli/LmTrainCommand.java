package dev.gated.cli;

import dev.gated.cli.output.Json;
import dev.gated.tensor.Precision;
import dev.gated.text.CharVocabulary;
import dev.gated.text.lm.BudgetClock;
import dev.gated.text.lm.CharacterTokens;
import dev.gated.text.lm.LanguageModel;
import dev.gated.text.lm.LmArchitecture;
import dev.gated.text.lm.LmVocabulary;
import dev.gated.text.lm.StatefulTraining;
import dev.gated.text.lm.StatefulTraining.Evaluation;
import dev.gated.text.lm.SubwordVocabulary;
import dev.gated.text.lm.TextSplit;
import dev.gated.text.lm.TrainingPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gated lm train}: a character-level or subword language model on a text file, split as nanoGPT splits it (first
 * 90 % train, last 10 % validation), trained by stateful truncated BPTT for a time budget and/or epochs; the
 * validation loss every N steps, the best model saved (atomically) each time it improves.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Train a character-level or subword (--vocabulary bpe) language model: Embedding → stacked LSTM/GRU/RNN (dropout between layers, "
                + "recurrent dropout) → Dense(V), by stateful truncated BPTT over B parallel streams of the text, "
                + "gradient clipping and a cosine learning-rate decay over the budget.",
        "Example: gated lm train --data shared/data/tiny-shakespeare/input.txt --model lstm --units 256 --minutes 10 --out shakespeare.gated"})
final class LmTrainCommand extends BaseCommand {

    static final int DEFAULT_MERGES = 256;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "A UTF-8 text file.")
    Path data;

    @Option(names = "--model", defaultValue = "lstm", paramLabel = "lstm|gru|rnn|transformer", description = "Recurrent "
            + "layer, or a decoder-only Transformer (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--vocabulary", defaultValue = "char", paramLabel = "char|bpe", description = "Tokens: the text's "
            + "characters, or byte-pair-encoded subwords learned on the training part (spaces and line ends included, "
            + "so no character is lost) (default: ${DEFAULT-VALUE}).")
    String vocabularyKind;

    @Option(names = "--merges", paramLabel = "N", description = "Byte-pair merges of a bpe vocabulary: its tokens are "
            + "the characters + N subwords (default: " + DEFAULT_MERGES + ").")
    Integer merges;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--units", defaultValue = "256", description = "Hidden units per layer; a Transformer's width (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads of a Transformer (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--embedding", defaultValue = "64", description = "Size of each character's vector (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout on each recurrent layer's outputs, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--recurrent-dropout", defaultValue = "0", description = "Dropout on h(t-1) before the recurrent product, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double recurrentDropout;

    @Option(names = "--context", defaultValue = "64", description = "T, characters per chunk: how far back gradients flow (default: ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--batch", defaultValue = "32", description = "B, parallel streams of the training text (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam's learning rate at the start (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--min-lr", description = "The rate the cosine decay ends at (default: --lr / 10).")
    Double minLr;

    @Option(names = "--clip", defaultValue = "5", description = "Clip gradients to this global norm; 0: off (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--minutes", description = "Time budget, validation included (default: 10 when --epochs is not given).")
    Double minutes;

    @Option(names = "--clock", defaultValue = "wall", paramLabel = "wall|cpu", description = "What --minutes and the curve's "
            + "seconds count: wall-clock time, or this process's CPU time (fairer on a machine others are using) "
            + "(default: ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--epochs", description = "Passes over the training text; with --minutes, whichever ends first.")
    Integer epochs;

    @Option(names = "--eval-every", defaultValue = "200", description = "Validation loss every N optimizer steps (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--eval-chars", description = "Validate during training on only the first N characters of the "
            + "validation part, to save time (default: all of it; gated lm evaluate always scores all).")
    Integer evalChars;

    @Option(names = "--validation", defaultValue = "0.1", description = "The last fraction of the text held out for validation (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--no-carry", description = "Start every chunk from a zero state instead of carrying it (for comparison).")
    boolean noCarry;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the weights and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "MODEL_FILE", description = "Save the best model (lowest validation loss) here, each time it improves.")
    Path out;

    @Option(names = "--curve", paramLabel = "CSV", description = "Write every validation (model, clock, step, epoch, seconds, "
            + "wall_seconds, cpu_seconds, train_loss, val_loss, lr, load_average) as CSV, rewritten after each.")
    Path curve;

    @Option(names = "--label", description = "The model's name in --curve and --json (default: the --model value).")
    String label;

    @Override
    public Integer call() throws Exception {
        LmArchitecture architecture;
        TrainingPlan plan;
        try {
            architecture = kind.trim().equalsIgnoreCase("transformer")
                    ? LmArchitecture.transformer(layers, units, heads, dropout)
                    : new LmArchitecture(kind, layers, units, embedding, 1, dropout, recurrentDropout);
            double seconds = minutes != null ? minutes * 60 : epochs == null ? 600 : 0;
            plan = new TrainingPlan(batch, context, lr, minLr != null ? minLr : lr / 10, clip, seconds,
                    BudgetClock.parse(clock), epochs == null ? 0 : epochs, evalEvery, 32, !noCarry, seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        boolean bpe = switch (vocabularyKind.trim().toLowerCase(Locale.ROOT)) {
            case "char" -> false;
            case "bpe" -> true;
            default -> throw usage("--vocabulary must be char or bpe but is '" + vocabularyKind + "'");
        };
        if (merges != null && !bpe) {
            throw usage("--merges applies to --vocabulary bpe; a char vocabulary has no merges");
        }
        if (merges != null && merges < 1) {
            throw usage("--merges must be >= 1 but is " + merges);
        }
        String text = steps().run("reading " + data, () -> LmCommand.readText(data, "--data"));
        FileGuard.output(out, "--out", data);
        FileGuard.output(curve, "--curve", data, out);
        if (out != null) {
            OutputLock.acquire(out, "--out");
        }
        TextSplit split = TextSplit.of(text, validation, "--data " + data);
        LmVocabulary vocabulary;
        try {
            vocabulary = bpe ? SubwordVocabulary.learn(split.train(), text, merges != null ? merges : DEFAULT_MERGES)
                    : new CharacterTokens(CharVocabulary.of(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data " + data + ": " + e.getMessage().replace("merges must", "--merges must"));
        }
        LanguageModel lm = LanguageModel.create(architecture, vocabulary, context, lr, clip, seed, Precision.FLOAT32);
        lm.model().metadata().put("lm.data", data.getFileName().toString());
        lm.model().metadata().put("lm.split", split.describe());
        int[] train = lm.encode(split.train(), "--data " + data);
        int[] val = lm.encode(split.validation(), "--data " + data);
        if (evalChars != null) {
            if (evalChars < 2) {
                throw usage("--eval-chars must be >= 2 but is " + evalChars);
            }
            val = java.util.Arrays.copyOf(val, Math.min(evalChars, val.length));
        }
        String name = label != null ? label : architecture.kind();
        PrintStream log = json ? (io().interactive() ? io().err() : null) : io().out();
        if (log != null) {
            log.printf(Locale.ROOT, "%s: %,d characters, %d distinct; %s%n", data.getFileName(), text.length(),
                    text.chars().distinct().count(), split.describe());
            if (bpe) {
                log.printf(Locale.ROOT, "vocabulary: bpe, %s; the training part is %,d tokens (%.3f characters per token)%n",
                        vocabulary.describe(), train.length, (double) split.train().length() / train.length);
            }
            log.printf(Locale.ROOT, "%s, %,d parameters; %d streams x %d %s per step, %s%n", architecture.describe(),
                    lm.model().parameterCount(), batch, context, bpe ? "tokens" : "characters", !architecture.isRecurrent() ? "windows shifted every epoch"
                            : plan.carryState() ? "state carried between chunks" : "state reset every chunk");
        }
        LmCurveFile curveFile = new LmCurveFile(name, plan.clock());
        boolean[] savedAny = {false};
        StatefulTraining.Result result = StatefulTraining.run(lm, train, val, plan, new StatefulTraining.Listener() {
            @Override
            public void onEvaluation(Evaluation e) throws IOException {
                LossExplosion.check(Math.max(e.trainLoss(), e.validationLoss()), vocabulary.size(),
                        "the loss at step " + e.step(), "--lr", lr, out == null ? "stopped"
                                : savedAny[0] ? out + " keeps the best model before it" : "nothing was saved");
                curveFile.add(e);
                if (curve != null) { // rewritten after every validation, so that an interrupted run leaves its curve
                    try (Outputs outputs = new Outputs()) {
                        outputs.write("--curve", curve, curveFile::write);
                        outputs.publish();
                    }
                }
                if (e.best() && out != null) {
                    lm.save(out);
                    savedAny[0] = true;
                }
                if (log != null) {
                    log.printf(Locale.ROOT, "step %6d  epoch %6.2f  %7.1f s %s  train %.4f  val %.4f nats/char (%.3f bits)%s  lr %.2e%s%n",
                            e.step(), e.epoch(), e.seconds(), plan.clock().id(), e.trainLoss(), e.validationLossPerCharacter(),
                            e.validationLossPerCharacter() / Math.log(2), bpe ? String.format(Locale.ROOT, " = %.4f nats/token", e.validationLoss()) : "",
                            e.learningRate(), e.best() && out != null ? "  * saved" : e.best() ? "  *" : "");
                }
            }
        });
        Evaluation best = result.best();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "lm train");
            doc.put("model", name);
            doc.put("architecture", architecture.describe());
            doc.put("parameters", lm.model().parameterCount());
            doc.put("data", data.toString());
            doc.put("characters", text.length());
            doc.put("vocabulary", vocabulary.size());
            doc.put("vocabulary_kind", vocabulary.kind());
            doc.put("tokens", train.length + val.length);
            doc.put("split", split.describe());
            doc.put("plan", plan);
            doc.put("steps", result.steps());
            doc.put("seconds", result.seconds());
            doc.put("characters_per_second", result.charactersPerSecond());
            doc.put("best", best);
            doc.put("curve", result.curve());
            doc.put("load_average", LmCurveFile.loadAverage());
            if (out != null) {
                doc.put("out", out.toString());
            }
            Json.print(io().out(), doc);
        } else {
            io().out().printf(Locale.ROOT, "best validation loss %.4f nats/char (%.3f bits/char)%s at step %d, %.1f s %s; "
                            + "%d steps in %.1f s wall-clock, %.1f s CPU, %,.0f training characters per %s second; load average %s%n",
                    best.validationLossPerCharacter(), best.validationLossPerCharacter() / Math.log(2),
                    bpe ? String.format(Locale.ROOT, " = %.4f nats/token", best.validationLoss()) : "", best.step(), best.seconds(), plan.clock().id(),
                    result.steps(), result.wallSeconds(), result.cpuSeconds(), result.charactersPerSecond(), plan.clock().id(),
                    LmCurveFile.loadAverage());
            if (out != null) {
                io().out().println("saved " + out + " (the best model)");
            }
        }
        return 0;
    }
}

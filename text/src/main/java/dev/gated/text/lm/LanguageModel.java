package dev.gated.text.lm;

import dev.gated.loss.Loss;
import dev.gated.model.Model;
import dev.gated.optim.Adam;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import dev.gated.tensor.Precision;
import dev.gated.text.CharVocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A character-level language model: the network ({@link LmArchitecture}), its vocabulary and the context
 * length T it was trained on, saved together in one model file. The metadata keys {@code lm.vocabulary}
 * (the characters, in index order), {@code lm.architecture} and {@code lm.context} mark a file as a language
 * model.
 */
public final class LanguageModel {

    static final String VOCABULARY = "lm.vocabulary";
    static final String ARCHITECTURE = "lm.architecture";
    static final String CONTEXT = "lm.context";

    private final Model model;
    private final CharVocabulary vocabulary;
    private final LmArchitecture architecture;
    private final int context;

    private LanguageModel(Model model, CharVocabulary vocabulary, LmArchitecture architecture, int context) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.architecture = architecture;
        this.context = context;
    }

    /**
     * A new, untrained model over {@code vocabulary}, compiled with Adam(η), sparse cross-entropy on logits and
     * clipping by global norm {@code clipNorm} (≤ 0: none); the learning rate is set per step by the trainer.
     */
    public static LanguageModel create(LmArchitecture architecture, CharVocabulary vocabulary, int context,
                                       double learningRate, double clipNorm, long seed, Precision precision) {
        if (context < 1) {
            throw new IllegalArgumentException("context must be >= 1 but is " + context);
        }
        Model model = architecture.build(vocabulary.size(), seed, precision);
        model.compile(new Adam(learningRate), Loss.sparseCategoricalCrossEntropy(true),
                clipNorm > 0 ? GradientClipping.byGlobalNorm(clipNorm) : GradientClipping.NONE,
                LearningRateSchedule.constant());
        LanguageModel lm = new LanguageModel(model, vocabulary, architecture, context);
        Map<String, String> meta = model.metadata();
        meta.put(VOCABULARY, charsOf(vocabulary));
        meta.put(ARCHITECTURE, architecture.describe());
        meta.put(CONTEXT, Integer.toString(context));
        return lm;
    }

    /** Reads a file written by {@link #save}; an IOException naming the file when it is another kind of model. */
    public static LanguageModel load(Path file) throws IOException {
        Model model = Model.load(file);
        Map<String, String> meta = model.metadata();
        for (String key : List.of(VOCABULARY, ARCHITECTURE, CONTEXT)) {
            if (!meta.containsKey(key)) {
                throw new IOException(file + ": not a language model (no '" + key + "' in its metadata) — train one "
                        + "with 'gated lm train'");
            }
        }
        CharVocabulary vocabulary = CharVocabulary.of(meta.get(VOCABULARY));
        if (vocabulary.size() != meta.get(VOCABULARY).length()) {
            throw new IOException(file + ": its vocabulary lists a character twice; the file is damaged");
        }
        return new LanguageModel(model, vocabulary, LmArchitecture.parse(meta.get(ARCHITECTURE)), model.metadata()
                .containsKey(CONTEXT) ? Integer.parseInt(meta.get(CONTEXT)) : 0);
    }

    /** Saves weights, optimizer state and vocabulary, atomically (see {@code ModelFile}). */
    public void save(Path file) throws IOException {
        model.save(file);
    }

    public Model model() {
        return model;
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    public LmArchitecture architecture() {
        return architecture;
    }

    /** T, the chunk length the model was trained on (the window of the windowed sampler). */
    public int context() {
        return context;
    }

    /**
     * {@code text} as character indices; an IllegalArgumentException naming the first character outside the
     * vocabulary, its line and column in {@code source}, when there is one.
     */
    public int[] encode(CharSequence text, String source) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (!vocabulary.contains(c)) {
                throw new IllegalArgumentException(source + ": " + TextFile.position(text, i) + ": character "
                        + describe(c) + " is not in the model's vocabulary of " + vocabulary.size()
                        + " characters (those of its training text)");
            }
            out[i] = vocabulary.indexOf(c);
        }
        return out;
    }

    /** 'a' for printable ASCII, else U+XXXX with a name for the usual control characters. */
    static String describe(char c) {
        return switch (c) {
            case '\n' -> "U+000A (line feed)";
            case '\r' -> "U+000D (carriage return)";
            case '\t' -> "U+0009 (tab)";
            default -> c >= 32 && c < 127 ? "'" + c + "'" : String.format("'%c' (U+%04X)", c, (int) c);
        };
    }

    private static String charsOf(CharVocabulary vocabulary) {
        StringBuilder sb = new StringBuilder(vocabulary.size());
        for (int i = 0; i < vocabulary.size(); i++) {
            sb.append(vocabulary.charAt(i));
        }
        return sb.toString();
    }
}

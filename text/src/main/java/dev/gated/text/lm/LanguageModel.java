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
 * A language model: the network ({@link LmArchitecture}), its vocabulary ({@link LmVocabulary}: characters or
 * subwords) and the context length T (in tokens) it was trained on, saved together in one model file. The
 * metadata keys {@code lm.vocabulary} (the characters in index order, or a subword vocabulary's merges),
 * {@code lm.architecture} and {@code lm.context} mark a file as a language model; {@code lm.vocabulary_kind}
 * (char or bpe; absent in older files: char) says how to read the vocabulary.
 */
public final class LanguageModel {

    static final String VOCABULARY = "lm.vocabulary";
    static final String ARCHITECTURE = "lm.architecture";
    static final String CONTEXT = "lm.context";
    static final String VOCABULARY_KIND = "lm.vocabulary_kind";

    private final Model model;
    private final LmVocabulary vocabulary;
    private final LmArchitecture architecture;
    private final int context;

    private LanguageModel(Model model, LmVocabulary vocabulary, LmArchitecture architecture, int context) {
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
        return create(architecture, new CharacterTokens(vocabulary), context, learningRate, clipNorm, seed, precision);
    }

    /** As {@link #create(LmArchitecture, CharVocabulary, int, double, double, long, Precision)}, over any vocabulary. */
    public static LanguageModel create(LmArchitecture architecture, LmVocabulary vocabulary, int context,
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
        meta.put(VOCABULARY, vocabulary.serialise());
        meta.put(VOCABULARY_KIND, vocabulary.kind());
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
        LmVocabulary vocabulary;
        try {
            vocabulary = LmVocabulary.parse(meta.getOrDefault(VOCABULARY_KIND, CharacterTokens.KIND), meta.get(VOCABULARY));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": its vocabulary cannot be read (" + e.getMessage() + "); the file is damaged");
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

    /** The tokens the model reads and predicts. */
    public LmVocabulary vocabulary() {
        return vocabulary;
    }

    /** The characters of a character-level model; an IllegalArgumentException for a subword model. */
    public CharVocabulary characters() {
        if (vocabulary instanceof CharacterTokens c) {
            return c.characters();
        }
        throw new IllegalArgumentException("this works on character-level models; this model's vocabulary is "
                + vocabulary.kind() + " (" + vocabulary.describe() + ")");
    }

    public LmArchitecture architecture() {
        return architecture;
    }

    /** T, the chunk length the model was trained on (the window of the windowed sampler). */
    public int context() {
        return context;
    }

    /**
     * {@code text} as token indices; an IllegalArgumentException naming the first character outside the
     * vocabulary, its line and column in {@code source}, when there is one.
     */
    public int[] encode(CharSequence text, String source) {
        return vocabulary.encode(text, source);
    }
}

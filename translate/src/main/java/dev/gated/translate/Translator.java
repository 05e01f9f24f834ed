package dev.gated.translate;

import dev.gated.layer.Parameter;
import dev.gated.loss.Loss;
import dev.gated.model.History;
import dev.gated.model.Model;
import dev.gated.model.TrainingListener;
import dev.gated.optim.Adam;
import dev.gated.optim.GradientClipping;
import dev.gated.optim.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained translation model: its source and target tokenizers and the encoder–decoder's graphs ({@link Seq2Seq} or
 * {@link TransformerSeq2Seq}). The workflow
 * the CLI's {@code gated translate} commands call.
 *
 * <pre>
 * train:     tokenizers learned on the training sources / all training references
 *            one training row per (source, reference) pair; Adam, global-norm clipping, masked sparse CCE from logits
 * translate: sentences ─ encode ─► GreedyDecoder (or BeamSearchDecoder) ─ decode ─► sentences
 * save/load: one .gated model file; the architecture and both vocabularies in its metadata
 * </pre>
 */
public final class Translator {

    /** Longest output in tokens, whatever the input (decoding is bounded: {@link GreedyDecoder#limit}). */
    static final int MAX_OUTPUT = 400;

    private final TranslationModel model;
    private final SymbolTokenizer sourceTokens;
    private final SymbolTokenizer targetTokens;
    private History history;

    private Translator(TranslationModel model, SymbolTokenizer sourceTokens, SymbolTokenizer targetTokens) {
        this.model = model;
        this.sourceTokens = sourceTokens;
        this.targetTokens = targetTokens;
    }

    /**
     * Learns the tokenizers and trains a model on {@code train} (the training part only). With
     * {@link TrainingOptions#validates()}, a seeded share of those sentences is held out ({@link ValidationSplit}): the
     * tokenizers and weights learn from the rest, the held-out loss picks the epoch whose weights are kept.
     */
    public static Translator train(List<Example> train, ModelSpec spec, TrainingOptions options, List<TrainingListener> listeners) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training sentences — the data file or the length filter left none");
        }
        ValidationSplit parts = ValidationSplit.of(train, options.validationFraction(), options.seed());
        List<String> sources = parts.fit().stream().map(Example::source).toList();
        List<String> targets = parts.fit().stream().flatMap(e -> e.references().stream()).toList();
        SymbolTokenizer src = options.tokens().equals("bpe") ? BytePairTokenizer.learn(sources, options.bpeMerges()) : CharTokenizer.learn(sources);
        SymbolTokenizer tgt = options.tokens().equals("bpe") ? BytePairTokenizer.learn(targets, options.bpeMerges()) : CharTokenizer.learn(targets);
        Translator t = new Translator(TranslationModel.create(spec, src.size(), tgt.size(), options.seed()), src, tgt);
        t.fit(parts, options, listeners);
        return t;
    }

    /** One (source ids, target ids) pair per reference of each example: {xs, ys}. */
    private List<List<int[]>> pairs(List<Example> examples) {
        List<int[]> xs = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        for (Example e : examples) {
            int[] x = sourceTokens.encode(e.source());
            for (String ref : e.references()) {
                xs.add(x);
                ys.add(targetTokens.encode(ref));
            }
        }
        return List.of(xs, ys);
    }

    private EncodedBatch encode(List<Example> examples) {
        List<List<int[]>> p = pairs(examples);
        return EncodedBatch.of(p.get(0), p.get(1));
    }

    private void fit(ValidationSplit parts, TrainingOptions options, List<TrainingListener> listeners) {
        List<List<int[]>> p = pairs(parts.fit());
        Model m = model.training();
        m.compile(new Adam(options.learningRate()), List.of(Loss.sparseCategoricalCrossEntropy(true)),
                GradientClipping.byGlobalNorm(options.clipNorm()), LearningRateSchedule.constant());
        LengthBatchedTraining.run(m, p.get(0), p.get(1), options.validates() ? encode(parts.validation()) : null, options, listeners);
        history = m.history();
        m.metadata().putAll(metadata());
    }

    private Map<String, String> metadata() {
        Map<String, String> md = new java.util.LinkedHashMap<>(model.spec().toMetadata());
        md.put("translate.tokens", sourceTokens.kind());
        md.put("translate.source_vocabulary", sourceTokens.serialise());
        md.put("translate.target_vocabulary", targetTokens.serialise());
        return md;
    }

    /** The mean teacher-forced cross-entropy per target token over every (source, reference) pair of {@code examples}. */
    public double loss(List<Example> examples) {
        return model.training().evaluate(LengthBatchedTraining.dataset(encode(examples)));
    }

    /** Greedy translations of {@code sentences}, decoded as one batch. */
    public List<String> translate(List<String> sentences) {
        List<int[]> ids = encodeSources(sentences);
        List<int[]> out = GreedyDecoder.decode(model, ids, MAX_OUTPUT);
        return out.stream().map(targetTokens::decode).toList();
    }

    /** Beam-search translations (width k, length-normalised scores with exponent α). */
    public List<String> translateBeam(List<String> sentences, int width, double alpha) {
        List<int[]> ids = encodeSources(sentences);
        List<String> out = new ArrayList<>();
        for (int[] x : ids) {
            out.add(targetTokens.decode(BeamSearchDecoder.decode(model, x, width, alpha, MAX_OUTPUT)));
        }
        return out;
    }

    private List<int[]> encodeSources(List<String> sentences) {
        List<int[]> ids = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            String s = sentences.get(i);
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("sentence " + (i + 1) + " is empty — give text to translate");
            }
            ids.add(sourceTokens.encode(s.strip()));
        }
        return ids;
    }

    public void save(Path file) throws IOException {
        model.training().metadata().putAll(metadata());
        model.training().save(file);
    }

    /**
     * Loads a model written by {@link #save}: the saved graph's weights are copied, in order, into a fresh
     * model of the same spec, whose inference models share them.
     */
    public static Translator load(Path file) throws IOException {
        Model saved = Model.load(file);
        Map<String, String> md = saved.metadata();
        ModelSpec spec = ModelSpec.fromMetadata(md);
        String kind = md.getOrDefault("translate.tokens", "char");
        SymbolTokenizer src = SymbolTokenizer.parse(kind, md.get("translate.source_vocabulary"));
        SymbolTokenizer tgt = SymbolTokenizer.parse(kind, md.get("translate.target_vocabulary"));
        TranslationModel fresh = TranslationModel.create(spec, src.size(), tgt.size(), saved.seed());
        List<Parameter> from = saved.parameters();
        List<Parameter> to = fresh.training().parameters();
        if (from.size() != to.size()) {
            throw new IllegalArgumentException(file + ": the saved graph has " + from.size() + " weight tensors but a "
                    + spec.name() + " model has " + to.size() + " — the file was not written by Translator.save");
        }
        for (int i = 0; i < from.size(); i++) {
            if (!from.get(i).value().sameShape(to.get(i).value())) {
                throw new IllegalArgumentException(file + ": weight " + i + " (" + from.get(i).name() + ") has shape "
                        + from.get(i).value().shapeString() + " but " + spec.name() + " expects " + to.get(i).value().shapeString());
            }
            to.get(i).value().copyFrom(from.get(i).value());
        }
        fresh.training().metadata().putAll(md);
        return new Translator(fresh, src, tgt);
    }

    /** A sentence's greedy translation and the attention weights with which each output token read the source. */
    public record AttentionWeights(List<String> sourceTokens, List<String> outputTokens, double[][] weights) {
    }

    /**
     * The greedy translation of {@code sentence} and its attention map (T + 1, S): row t for output token t, the
     * last row for END; heads averaged for the Transformer. Refused for a model without attention.
     */
    public AttentionWeights attention(String sentence) {
        int[] x = encodeSources(List.of(sentence)).get(0);
        int[] y = GreedyDecoder.decode(model, List.of(x), MAX_OUTPUT).get(0);
        double[][] w = model.attention(x, y);
        List<String> outputs = new ArrayList<>(labels(targetTokens, y));
        outputs.add("<end>");
        return new AttentionWeights(labels(sourceTokens, x), outputs, w);
    }

    private static List<String> labels(SymbolTokenizer tokens, int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            String s = tokens.decode(new int[] {id});
            out.add(id == SymbolTokenizer.UNKNOWN ? "<unk>" : s.isBlank() ? "_" : s.strip());
        }
        return out;
    }

    public TranslationModel model() {
        return model;
    }

    public SymbolTokenizer sourceTokens() {
        return sourceTokens;
    }

    public SymbolTokenizer targetTokens() {
        return targetTokens;
    }

    /** The training history (null for a loaded model). */
    public History history() {
        return history;
    }

    public long parameterCount() {
        return model.training().parameterCount();
    }
}

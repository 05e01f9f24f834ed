package dev.gated.studio.translate;

import dev.gated.translate.ModelSpec;
import dev.gated.translate.Translator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One translation model of this studio, by id ({@code m1}, {@code m2} …): a {@code .gated} file the user loaded, or
 * one being trained on an uploaded file of sentence pairs (its loss per epoch as it trains). Decoding runs one
 * request at a time per model ({@link #decode}): the layers keep the state of their last call.
 */
public final class StudioTranslator {

    /** TRAINING until the last epoch ends; then READY, or FAILED with a one-line reason. */
    public enum State { TRAINING, READY, FAILED }

    private final String id;
    private final String name;
    private final String origin;
    private final int epochs;
    private final List<Double> losses = new CopyOnWriteArrayList<>();
    private volatile State state;
    private volatile Translator translator;
    private volatile String error;
    private volatile double progress;

    private StudioTranslator(String id, String name, String origin, int epochs, State state, Translator translator) {
        this.id = id;
        this.name = name;
        this.origin = origin;
        this.epochs = epochs;
        this.state = state;
        this.translator = translator;
        this.progress = state == State.READY ? 1 : 0;
    }

    static StudioTranslator loaded(String id, String fileName, Translator t) {
        return new StudioTranslator(id, fileName, "loaded from " + fileName, 0, State.READY, t);
    }

    static StudioTranslator training(String id, String label, String origin, int epochs) {
        return new StudioTranslator(id, label, origin, epochs, State.TRAINING, null);
    }

    public String id() {
        return id;
    }

    public State state() {
        return state;
    }

    /** The trained translator; refused in words while training or after a failure. */
    public Translator translator() {
        if (state == State.TRAINING) {
            throw new IllegalStateException(name + " (" + id + ") is still training (epoch " + losses.size() + " of "
                    + epochs + "): translate when it is ready");
        }
        if (state == State.FAILED) {
            throw new IllegalStateException(name + " (" + id + ") has no model: its training failed — " + error);
        }
        return translator;
    }

    /** Runs {@code work} on the translator, one caller at a time. */
    public synchronized <T> T decode(java.util.function.Function<Translator, T> work) {
        return work.apply(translator());
    }

    void epochEnded(double loss) {
        losses.add(loss);
        progress = (double) losses.size() / epochs;
    }

    void batchEnded(int epoch, int batch, int batches) {
        progress = (epoch - 1 + (batch + 1.0) / batches) / epochs;
    }

    void ready(Translator t) {
        translator = t;
        progress = 1;
        state = State.READY;
    }

    void failed(String reason) {
        error = reason;
        state = State.FAILED;
    }

    /** What the page lists: id, name, state, progress, loss per epoch; the architecture once there is a model. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("origin", origin);
        m.put("state", state.name().toLowerCase(Locale.ROOT));
        m.put("progress", progress);
        m.put("epochs", epochs);
        m.put("losses", List.copyOf(losses));
        if (error != null) {
            m.put("error", error);
        }
        Translator t = translator;
        if (t != null) {
            ModelSpec spec = t.model().spec();
            m.put("model", spec.name());
            m.put("attention", spec.attention() != ModelSpec.AttentionKind.NONE);
            m.put("parameters", t.parameterCount());
            m.put("tokens", t.sourceTokens().kind());
            m.put("sourceVocabulary", t.sourceTokens().size());
            m.put("targetVocabulary", t.targetTokens().size());
        }
        return m;
    }
}

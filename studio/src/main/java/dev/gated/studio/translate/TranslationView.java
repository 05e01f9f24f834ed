package dev.gated.studio.translate;

import dev.gated.studio.web.ApiException;
import dev.gated.translate.ModelSpec;
import dev.gated.translate.Translator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sentence through a translation model, for the page: the greedy translation, the beam-search one, and the
 * attention map of the greedy one ({@link Translator#attention}: rows the output tokens then END, columns the
 * source tokens; the Transformer's last block's cross-attention averaged over heads). A model without attention
 * gets a sentence saying so instead of a map.
 *
 * <pre>
 * {source, model, greedy, beam, beamWidth,
 *  attention: {sourceTokens [S], outputTokens [T+1], weights [T+1][S]} | null, note}
 * </pre>
 */
public final class TranslationView {

    /** Longer input is refused: the page is for looking at one sentence. */
    public static final int MAX_CHARS = 300;
    /** The widest beam the page may ask for (one sentence, so it stays cheap). */
    public static final int MAX_BEAM = 8;

    private TranslationView() {
    }

    public static Map<String, Object> of(StudioTranslator m, String sentence, int beam) {
        if (sentence == null || sentence.isBlank()) {
            throw ApiException.badRequest("type an English sentence to translate (the box is empty)");
        }
        String text = sentence.strip();
        if (text.length() > MAX_CHARS) {
            throw ApiException.badRequest("the sentence has " + text.length() + " characters; the studio translates one "
                    + "sentence of at most " + MAX_CHARS + " (use gated translate for longer text)");
        }
        if (beam < 1 || beam > MAX_BEAM) {
            throw ApiException.badRequest("beam width must be between 1 and " + MAX_BEAM + ", got " + beam);
        }
        Translator t = translator(m);
        ModelSpec spec = t.model().spec();
        boolean attends = spec.attention() != ModelSpec.AttentionKind.NONE;
        return m.decode(tr -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("source", text);
            v.put("model", spec.name());
            v.put("greedy", tr.translate(List.of(text)).get(0));
            v.put("beamWidth", beam);
            v.put("beam", beam > 1 ? tr.translateBeam(List.of(text), beam, 1.0).get(0) : null);
            if (attends) {
                Translator.AttentionWeights a = tr.attention(text);
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("sourceTokens", a.sourceTokens());
                map.put("outputTokens", a.outputTokens());
                map.put("weights", a.weights());
                v.put("attention", map);
                v.put("note", spec.isTransformer()
                        ? "Cross-attention of the last decoder block, averaged over its " + spec.transformer().heads()
                          + " heads: row t is the step that wrote output token t (the last row wrote END)."
                        : "The " + spec.attention().name().toLowerCase(java.util.Locale.ROOT) + " attention's weights: row t "
                          + "is the step that wrote output token t (the last row wrote END); each row sums to 1.");
            } else {
                v.put("attention", null);
                v.put("note", spec.name() + " has no attention: its decoder reads only the encoder's last state, so there "
                        + "are no weights over the source to draw. Load or train a model with attention (lstm-dot, "
                        + "gru-additive, transformer …) to see them.");
            }
            return v;
        });
    }

    private static Translator translator(StudioTranslator m) {
        try {
            return m.translator();
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }
}

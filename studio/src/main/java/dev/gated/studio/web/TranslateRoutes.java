package dev.gated.studio.web;

import dev.gated.studio.StudioOptions;
import dev.gated.studio.translate.StudioTranslator;
import dev.gated.studio.translate.TranslationModels;
import dev.gated.studio.translate.TranslationTrainRequest;
import dev.gated.studio.translate.TranslationView;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The Translate tab: a translation model loaded from a {@code .gated} file or trained on uploaded sentence pairs,
 * then one sentence translated with its attention heatmap.
 * <pre>
 * POST /api/translate/models?name=F.gated                  raw model file → 201 summary | 400 not a translation model | 413
 * POST /api/translate/trainings?name=F.tsv&amp;model=gru-dot&amp;epochs=…   raw TAB-separated pairs → 201 summary (training) | 400
 * GET  /api/translate/models                               [summary …]: state, progress, loss per epoch, architecture
 * GET  /api/translate/models/{id}                          summary
 * GET  /api/translate/models/{id}/translate?text=…&amp;beam=4  greedy and beam translations, attention map | 400 | 409 training
 * GET  /api/translate/models/{id}/model.gated              the model file (a trained one saved on first request) | 409 training
 * </pre>
 */
public final class TranslateRoutes {

    private final TranslationModels models;
    private final StudioOptions options;

    public TranslateRoutes(TranslationModels models, StudioOptions options) {
        this.models = models;
        this.options = options;
    }

    public void register(Javalin app) {
        app.post("/api/translate/models", this::load);
        app.post("/api/translate/trainings", this::train);
        app.get("/api/translate/models", ctx -> ctx.json(models.all().stream().map(StudioTranslator::summary).toList()));
        app.get("/api/translate/models/{id}", ctx -> ctx.json(models.get(ctx.pathParam("id")).summary()));
        app.get("/api/translate/models/{id}/translate", this::translate);
        app.get("/api/translate/models/{id}/model.gated", this::download);
    }

    private void load(Context ctx) throws IOException {
        byte[] bytes = DataRoutes.body(ctx, options.maxUploadBytes());
        ctx.status(201).json(models.load(ctx.queryParam("name"), bytes).summary());
    }

    private void train(Context ctx) throws IOException {
        TranslationTrainRequest request = TranslationTrainRequest.of(ctx::queryParam);
        byte[] bytes = DataRoutes.body(ctx, options.maxUploadBytes());
        ctx.status(201).json(models.train(ctx.queryParam("name"), bytes, request).summary());
    }

    private void download(Context ctx) throws IOException {
        StudioTranslator m = models.get(ctx.pathParam("id"));
        if (m.state() != StudioTranslator.State.READY) {
            throw new ApiException(409, m.id() + " has no model file yet: it is " + m.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"translation-" + m.id() + ".gated\"");
        ctx.contentType("application/octet-stream").result(java.nio.file.Files.readAllBytes(models.file(m)));
    }

    private void translate(Context ctx) {
        StudioTranslator m = models.get(ctx.pathParam("id"));
        String beam = ctx.queryParam("beam");
        int width;
        try {
            width = beam == null || beam.isBlank() ? 4 : Integer.parseInt(beam.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("beam width must be a whole number, got \"" + beam + "\"");
        }
        ctx.json(TranslationView.of(m, ctx.queryParam("text"), width));
    }
}

package dev.gated.studio.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.studio.StudioOptions;
import dev.gated.studio.export.Snippets;
import dev.gated.studio.jobs.Job;
import dev.gated.studio.jobs.JobRegistry;
import dev.gated.studio.jobs.JobState;
import dev.gated.studio.spec.ModelSpec;
import dev.gated.studio.text.TextCaption;
import dev.gated.studio.text.TextDataset;
import dev.gated.studio.text.TextDatasets;
import dev.gated.studio.text.TextInspectView;
import dev.gated.studio.text.TextProfile;
import dev.gated.studio.text.TextRun;
import dev.gated.text.classify.ClassificationMetrics;
import dev.gated.text.classify.LabelledTexts;
import dev.gated.text.classify.TextClassifier;
import dev.gated.text.classify.TextExperiment;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Text tab: a user's labelled texts, RNN/LSTM/GRU compared beside two baselines, one sentence looked into.
 * Jobs are ordinary studio jobs (progress and live curves on {@code /api/events}, {@code /api/jobs/{id}/cancel},
 * {@code /api/jobs/{id}/model.gated}).
 * <pre>
 * POST /api/text/datasets?name=F.tsv             raw body → 201 first read (columns, preview, guesses) | 400 | 413
 * GET  /api/text/datasets/{id}?header=true|false  the first read again, with or without a header line
 * GET  /api/text/datasets/{id}/columns?header=&amp;text=N&amp;label=M   rows and classes of a choice of columns | 400
 * GET  /api/text/datasets/{id}/file               the stored bytes
 * POST /api/text/runs                             TextRunRequest → 201 {id, jobs}
 * GET  /api/text/runs/{id}                        results: baselines and networks, confusion matrices, caption
 * GET  /api/text/jobs/{id}/inspect?text=…         per-word gates and hidden states, class probabilities
 * GET  /api/text/jobs/{id}/export                 the equivalent gated text train command
 * </pre>
 */
public final class TextRoutes {

    /** More classes than this is a column of free text or identifiers, not of labels. */
    static final int MAX_CLASSES = 100;

    private final TextDatasets texts;
    private final JobRegistry jobs;
    private final ObjectMapper json;
    private final StudioOptions options;

    public TextRoutes(TextDatasets texts, JobRegistry jobs, ObjectMapper json, StudioOptions options) {
        this.texts = texts;
        this.jobs = jobs;
        this.json = json;
        this.options = options;
    }

    public void register(Javalin app) {
        app.post("/api/text/datasets", this::upload);
        app.get("/api/text/datasets/{id}", ctx -> ctx.json(texts.get(ctx.pathParam("id")).profile(header(ctx, null))));
        app.get("/api/text/datasets/{id}/columns", this::columns);
        app.get("/api/text/datasets/{id}/file", ctx -> {
            TextDataset d = texts.get(ctx.pathParam("id"));
            ctx.header("Content-Disposition", "attachment; filename=\"" + d.name() + "\"");
            ctx.contentType("text/plain; charset=utf-8").result(Files.readAllBytes(d.file()));
        });
        app.post("/api/text/runs", this::createRun);
        app.get("/api/text/runs/{id}", ctx -> ctx.json(results(textRun(jobs.run(ctx.pathParam("id")).id()))));
        app.get("/api/text/jobs/{id}/inspect", this::inspect);
        app.get("/api/text/jobs/{id}/export", ctx -> ctx.json(export(jobs.job(ctx.pathParam("id")))));
    }

    private void upload(Context ctx) throws IOException {
        byte[] bytes = DataRoutes.body(ctx, options.maxUploadBytes());
        if (bytes.length == 0) {
            throw ApiException.badRequest("the upload is empty: choose a CSV or TAB-separated file with a column of "
                    + "texts and a column of labels");
        }
        TextDataset d = texts.add(ctx.queryParam("name"), bytes);
        try {
            ctx.status(201).json(d.profile(header(ctx, null)));
        } catch (RuntimeException e) {
            texts.remove(d.id()); // a file the first read refuses is not kept: nothing of it stays to train on
            throw e;
        }
    }

    private static Boolean header(Context ctx, Boolean fallback) {
        String h = ctx.queryParam("header");
        if (h == null || h.isBlank() || h.equalsIgnoreCase("auto")) {
            return fallback;
        }
        if (!h.equalsIgnoreCase("true") && !h.equalsIgnoreCase("false")) {
            throw ApiException.badRequest("header must be true or false (does the first line name the columns?), got \""
                    + h + "\"");
        }
        return Boolean.parseBoolean(h);
    }

    /** The chosen columns read as training will read them: rows, classes and their counts, or what is wrong. */
    private void columns(Context ctx) {
        TextDataset d = texts.get(ctx.pathParam("id"));
        boolean header = Boolean.TRUE.equals(header(ctx, false));
        int text = column(ctx.queryParam("text"), "text");
        int label = column(ctx.queryParam("label"), "label");
        Selection s = select(d, header, text, label);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", s.rows().size());
        m.put("text", s.textName());
        m.put("label", s.labelName());
        m.put("classes", s.counts());
        m.put("emptyTexts", s.rows().stream().filter(r -> r.text().isEmpty()).count());
        ctx.json(m);
    }

    private static int column(String value, String which) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("choose the " + which + " column (its number, from 1)");
        }
    }

    /** A choice of columns and the rows it reads. */
    record Selection(LabelledTexts.Columns columns, String textName, String labelName, List<LabelledTexts.Row> rows,
                     Map<String, Integer> counts) {
    }

    /**
     * Reads the chosen columns with the text module's reader and checks they make a classification task: two
     * different columns, at least two classes and at most {@value #MAX_CLASSES}, some text.
     */
    static Selection select(TextDataset d, boolean header, int text, int label) {
        @SuppressWarnings("unchecked")
        List<TextProfile.Column> cols = (List<TextProfile.Column>) d.profile(header).get("columns");
        for (int c : new int[] {text, label}) {
            if (c < 1 || c > cols.size()) {
                throw ApiException.badRequest(d.name() + " has columns 1 to " + cols.size() + "; there is no column " + c);
            }
        }
        if (text == label) {
            throw ApiException.badRequest("the text column and the label column must be different columns");
        }
        String textName = TextProfile.commandName(cols, text);
        String labelName = TextProfile.commandName(cols, label);
        LabelledTexts.Columns columns = new LabelledTexts.Columns(textName, labelName, header);
        List<LabelledTexts.Row> rows = d.rows(columns);
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r.label(), 1, Integer::sum));
        String shownLabel = cols.get(label - 1).name();
        String shownText = cols.get(text - 1).name();
        if (counts.size() < 2) {
            throw ApiException.badRequest("the label column \"" + shownLabel + "\" holds one class only (\""
                    + counts.keySet().iterator().next() + "\" in all " + rows.size() + " rows): a classifier needs at "
                    + "least two classes; choose another label column").with("classes", counts);
        }
        if (counts.size() > MAX_CLASSES) {
            throw ApiException.badRequest("the label column \"" + shownLabel + "\" has " + counts.size()
                    + " different values in " + rows.size() + " rows: that looks like free text or an identifier, "
                    + "not classes (the studio takes at most " + MAX_CLASSES + "); choose the column of labels");
        }
        if (rows.stream().allMatch(r -> r.text().isEmpty())) {
            throw ApiException.badRequest("the text column \"" + shownText + "\" is empty in every row; choose the "
                    + "column that holds the texts");
        }
        return new Selection(columns, textName, labelName, rows, counts);
    }

    private void createRun(Context ctx) throws IOException {
        TextRunRequest req = json.readValue(ctx.body(), TextRunRequest.class);
        TextDataset d = texts.get(req.dataset());
        Selection s = select(d, req.header(), req.text(), req.label());
        TextRun.Settings settings = new TextRun.Settings(req.bidirectional(), req.embedding(), req.maxLength(),
                req.testFraction(), req.seed());
        TextRun run = new TextRun(jobs.nextRunId(), d, s.rows(), s.columns(), s.textName(), s.labelName(), settings);
        List<ModelSpec> specs = new ArrayList<>();
        for (String kind : req.models()) {
            specs.add(new ModelSpec(kind, req.units(), 1, 0.0, req.epochs(), req.batch(), req.lr(), "adam", req.seed()));
        }
        jobs.submit(run, specs);
        Map<String, Object> m = jobs.runSummary(run);
        m.put("jobs", run.jobs().stream().map(Job::summary).toList());
        ctx.status(201).json(m);
    }

    private TextRun textRun(String runId) {
        if (jobs.run(runId) instanceof TextRun t) {
            return t;
        }
        throw ApiException.badRequest("run " + runId + " is not a text run; see its results in the Results panel");
    }

    private static TextRun textRun(Job j) {
        if (j.run() instanceof TextRun t) {
            return t;
        }
        throw ApiException.badRequest("job " + j.id() + " is not a text classifier");
    }

    /** Baselines first, then the networks in job order; the most accurate row is marked best. */
    static Map<String, Object> results(TextRun run) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<TextCaption.Scored> networks = new ArrayList<>();
        List<TextExperiment.Result> base = run.baselines();
        for (TextExperiment.Result b : base) {
            Map<String, Object> r = row(b.name(), "baseline", b.metrics());
            r.put("params", b.name().startsWith("majority") ? 0 : run.bagOfWordsParameters());
            r.put("trainSeconds", b.seconds());
            rows.add(r);
        }
        for (Job j : run.jobs()) {
            ClassificationMetrics m = run.metrics(j);
            Map<String, Object> r = row(j.summary().get("label").toString(), "model", m);
            r.put("job", j.id());
            r.put("kind", j.spec().kind());
            r.put("state", j.state().name().toLowerCase(Locale.ROOT));
            r.put("params", j.summary().get("params"));
            r.put("trainSeconds", j.trainSeconds());
            r.put("epochs", j.summary().get("epochs_done"));
            if (j.cancelledAtEpoch() > 0) {
                r.put("note", "cancelled at epoch " + j.cancelledAtEpoch() + ", weights of epoch " + j.bestEpoch());
            }
            rows.add(r);
            if (m != null) {
                networks.add(new TextCaption.Scored(r.get("label").toString(), m));
            }
        }
        Map<String, Object> best = null;
        for (Map<String, Object> r : rows) {
            if (r.get("accuracy") instanceof Double a && (best == null || a > (Double) best.get("accuracy"))) {
                best = r;
            }
        }
        for (Map<String, Object> r : rows) {
            r.put("best", r == best);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.id());
        out.put("title", run.title());
        out.put("file", run.dataset().name());
        out.put("classes", run.labels().names());
        out.put("train", run.trainSize());
        out.put("test", run.testSize());
        out.put("rows", rows);
        out.put("caption", TextCaption.of(new TextCaption.Scored(base.get(0).name(), base.get(0).metrics()),
                new TextCaption.Scored(base.get(1).name(), base.get(1).metrics()), networks, run.testSize()));
        out.put("notes", run.notes());
        return out;
    }

    private static Map<String, Object> row(String label, String type, ClassificationMetrics m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("type", type);
        r.put("accuracy", m == null ? null : m.accuracy());
        r.put("macroF1", m == null ? null : m.macroF1());
        r.put("rocAuc", m == null || !Double.isFinite(m.rocAuc()) ? null : m.rocAuc());
        r.put("confusion", m == null ? null : m.confusion());
        return r;
    }

    private void inspect(Context ctx) {
        Job j = jobs.job(ctx.pathParam("id"));
        TextRun run = textRun(j);
        TextClassifier c = run.classifier(j);
        if (c == null) {
            throw new ApiException(409, j.id() + " (" + j.summary().get("label") + ") has no trained model yet"
                    + (j.state() == JobState.CANCELLED ? ": it was cancelled before its first epoch ended" : ": wait until it is done"));
        }
        ctx.json(TextInspectView.of(j.summary().get("label").toString(), c, ctx.queryParam("text")));
    }

    /** The command line that trains job {@code j}'s network again (a cancelled job: the epochs whose weights it kept). */
    static Map<String, Object> export(Job j) {
        TextRun run = textRun(j);
        ModelSpec spec = j.cancelledAtEpoch() > 0 ? j.spec().withEpochs(j.bestEpoch()) : j.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", j.id());
        m.put("command", Snippets.textCommand(run, spec));
        m.put("textDataset", run.dataset().id());
        m.put("dataFile", run.dataset().name());
        m.put("note", (j.cancelledAtEpoch() > 0 ? "Cancelled at epoch " + j.cancelledAtEpoch() + "; this trains the "
                + j.bestEpoch() + " epoch" + (j.bestEpoch() == 1 ? "" : "s") + " whose weights were kept. " : "")
                + "Run it from the Gated project root while the studio runs: --data is the studio's copy of "
                + run.dataset().name() + ", deleted when the studio stops (download it with Data file and change --data "
                + "to keep it). It prints the test accuracy of the results table.");
        return m;
    }
}

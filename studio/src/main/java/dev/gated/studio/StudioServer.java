package dev.gated.studio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.studio.data.DatasetStore;
import dev.gated.studio.data.WorkFolder;
import dev.gated.studio.jobs.EventHub;
import dev.gated.studio.jobs.JobRegistry;
import dev.gated.studio.web.DataRoutes;
import dev.gated.studio.web.Errors;
import dev.gated.studio.web.Guard;
import dev.gated.studio.web.JobRoutes;
import dev.gated.studio.web.TextRoutes;
import dev.gated.studio.web.TranslateRoutes;
import dev.gated.studio.text.TextDatasets;
import dev.gated.studio.translate.TranslationModels;
import dev.gated.studio.web.Vendor;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;

/**
 * The studio: an embedded Javalin server with the JSON API under {@code /api}, live training events at
 * {@code /api/events} (Server-Sent Events) and the static pages. One instance per {@code gated studio}.
 *
 * <pre>
 * try (StudioServer s = new StudioServer(StudioOptions.defaults().withPort(0)).start()) {
 *     System.out.println(s.url());
 * }
 * </pre>
 */
public final class StudioServer implements AutoCloseable {

    private final StudioOptions options;
    private final ObjectMapper json;
    private final WorkFolder work;
    private final DatasetStore datasets;
    private final EventHub hub;
    private final JobRegistry jobs;
    private final TranslationModels translations;
    private final Javalin app;
    private final Guard guard;

    public StudioServer(StudioOptions options) {
        this.options = options;
        this.json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        this.work = new WorkFolder();
        this.datasets = new DatasetStore(work);
        this.hub = new EventHub(json);
        this.jobs = new JobRegistry(options.workers(), hub);
        this.translations = new TranslationModels(work);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/dev/gated/studio/public";
                s.location = Location.CLASSPATH;
            });
            config.http.maxRequestSize = 1_000_000L; // JSON bodies; uploads are streamed with their own limit
        });
        Errors.install(app);
        this.guard = new Guard(options, app::port);
        guard.register(app);
        new DataRoutes(datasets, json, options).register(app);
        new JobRoutes(datasets, jobs, work, json).register(app);
        new TextRoutes(new TextDatasets(work), jobs, json, options).register(app);
        new TranslateRoutes(translations, options).register(app);
        Vendor.register(app);
        app.sse("/api/events", client -> {
            client.keepAlive();
            hub.add(client);
            client.sendComment("connected");
        });
    }

    /** Binds and starts serving; returns this. On failure (port in use …) everything is released and the error rethrown. */
    public StudioServer start() {
        try {
            app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return app.port();
    }

    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** The session token state-changing requests must carry (header {@link Guard#TOKEN_HEADER}). */
    public String token() {
        return guard.token();
    }

    public StudioOptions options() {
        return options;
    }

    public JobRegistry jobs() {
        return jobs;
    }

    /** Stops the server, cancels jobs, ends event streams and deletes the temporary folder. */
    @Override
    public void close() {
        jobs.shutdown();
        translations.close();
        hub.closeAll();
        app.stop();
        work.delete();
    }
}

package dev.gated.studio.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Serves the front end's chart library from its WebJar on the classpath at a version-free path,
 * {@code /vendor/echarts.min.js}, so the pages need not know the WebJar's version.
 */
public final class Vendor {

    private static final String POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private Vendor() {
    }

    public static void register(Javalin app) {
        byte[] echarts = load();
        app.get("/vendor/echarts.min.js", ctx -> {
            ctx.contentType("application/javascript");
            ctx.header("Cache-Control", "max-age=86400");
            ctx.result(echarts);
        });
    }

    private static byte[] load() {
        try (InputStream p = Vendor.class.getResourceAsStream(POM)) {
            if (p == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the classpath (" + POM + ")");
            }
            Properties props = new Properties();
            props.load(p);
            String path = "/META-INF/resources/webjars/echarts/" + props.getProperty("version") + "/dist/echarts.min.js";
            try (InputStream in = Vendor.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("the ECharts WebJar lacks " + path);
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

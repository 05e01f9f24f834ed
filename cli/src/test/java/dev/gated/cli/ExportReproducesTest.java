package dev.gated.cli;

import dev.gated.timeseries.testdata.WeatherCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gated.forecast.ForecastModel;
import dev.gated.studio.StudioOptions;
import dev.gated.studio.StudioServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 5: what the studio's Export panel gives reproduces the run exactly. The exported {@code gated train}
 * command is run as written (from the project root for a bundled sample; beside the file for an upload), and the
 * exported Java program is compiled and run against the modules' jars; both reach the studio's test RMSE.
 */
class ExportReproducesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The project root: the module's parent folder (surefire runs in the module's folder). */
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @TempDir
    Path dir;

    record Exported(double rmse, String command, String java) {
    }

    static Exported trainInStudio(byte[] upload, String name, Map<String, Object> prepareExtra) throws Exception {
        try (StudioServer server = new StudioServer(StudioOptions.defaults().withPort(0).withWorkers(1)).start()) {
            StudioModelTest.Studio studio = new StudioModelTest.Studio(server.port(), server.token());
            JsonNode d = upload == null ? studio.send("/api/samples/" + name, HttpRequest.BodyPublishers.noBody(), "text/plain")
                    : studio.send("/api/datasets?name=" + name, HttpRequest.BodyPublishers.ofByteArray(upload), "text/csv");
            Map<String, Object> prepare = new java.util.LinkedHashMap<>(prepareExtra);
            prepare.put("dataset", d.get("id").asText());
            Map<String, Object> gru = Map.of("kind", "gru", "units", 5, "epochs", 3, "batch", 16, "lr", 0.0123,
                    "optimizer", "adam", "seed", 11);
            JsonNode run = studio.send("/api/runs", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                    Map.of("prepare", prepare, "models", List.of(gru)))), "application/json");
            String job = run.get("jobs").get(0).get("id").asText();
            double rmse = studio.awaitDone(job).at("/metrics/test/rmse").asDouble();
            JsonNode x = studio.get("/api/jobs/" + job + "/export");
            return new Exported(rmse, x.get("command").asText(), x.get("java").asText());
        }
    }

    /** The words of a shell command line as sh would split them: '…' quotes, backslash-newline continues. */
    static List<String> words(String command) {
        String s = command.replace("\\\n", " ");
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }

    /** Runs the exported command as a user would in {@code cwd}; returns its test RMSE. */
    double runCommand(String command, Path cwd, Path out) {
        List<String> args = words(command);
        assertEquals(List.of("./gated", "train"), args.subList(0, 2), command);
        args = new ArrayList<>(args.subList(1, args.size()));
        int data = args.indexOf("--data") + 1;
        Path file = cwd.resolve(args.get(data));
        assertTrue(Files.isRegularFile(file), "the command's --data " + args.get(data) + " exists in " + cwd);
        args.set(data, file.toString());
        args.set(args.indexOf("--out") + 1, out.toString());
        args.add("--json");
        return Cli.run(args.toArray(String[]::new)).ok().json().at("/rows/0/test_rmse").asDouble();
    }

    /** Compiles the exported Java program against the test classpath (the modules' jars) and runs it. */
    double runJava(String source, Path data, Path out) throws Exception {
        Path src = dir.resolve("src/Train.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, "-proc:none", "-cp", System.getProperty("java.class.path"), "-d",
                classes.toString(), src.toString());
        assertEquals(0, rc, "the exported Java compiles: " + diagnostics.toString(StandardCharsets.UTF_8));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            loader.loadClass("Train").getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {data.toString(), out.toString()});
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8).strip();
        assertTrue(text.startsWith("test RMSE "), text);
        return Double.parseDouble(text.substring("test RMSE ".length()).strip());
    }

    @Test
    void theSampleRunIsReproducedFromTheProjectRoot() throws Exception {
        Exported x = trainInStudio(null, "airline-passengers", Map.of("target", "Passengers", "window", 12));
        assertTrue(x.command().contains("--relative"), x.command());
        Path fromCommand = dir.resolve("command.gated");
        assertEquals(x.rmse(), runCommand(x.command(), ROOT, fromCommand), 1e-9 * x.rmse(), x.command());
        Path fromJava = dir.resolve("java.gated");
        assertEquals(x.rmse(), runJava(x.java(), ROOT.resolve(
                "studio/src/main/resources/dev/gated/studio/samples/airline-passengers.csv"), fromJava), 1e-9 * x.rmse());
        assertEquals(3, ForecastModel.load(fromJava).network().epochsCompleted());
    }

    @Test
    void anUploadWithATextInputIsReproducedBesideItsFile() throws Exception {
        String csv = WeatherCsv.text(300);
        Exported x = trainInStudio(csv.getBytes(StandardCharsets.UTF_8), "seattle-weather.csv", Map.of("target",
                "temp_max", "features", List.of("temp_max", "weather"), "window", 7, "scaler", "standard",
                "train", 0.7, "validation", 0.1));
        assertTrue(x.command().contains("--features temp_max,weather"), x.command());
        Path file = dir.resolve("seattle-weather.csv");
        Files.writeString(file, csv);
        assertEquals(x.rmse(), runCommand(x.command(), dir, dir.resolve("command.gated")), 1e-9 * x.rmse(), x.command());
        assertEquals(x.rmse(), runJava(x.java(), file, dir.resolve("java.gated")), 1e-9 * x.rmse());
    }
}

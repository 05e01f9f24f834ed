package dev.gated.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the studio's API in tests, on java.net.http. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final String token;
    final int port;

    Http(StudioServer server) {
        this.port = server.port();
        this.base = "http://127.0.0.1:" + server.port();
        this.token = server.token();
    }

    /** A response's status and parsed JSON body (null when the body is not JSON). */
    record Reply(int status, JsonNode json, String body) {
        String error() {
            return json == null || json.get("error") == null ? null : json.get("error").asText();
        }
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply post(String path, Object body) throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .header(dev.gated.studio.web.Guard.TOKEN_HEADER, token).POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    Reply upload(String name, byte[] bytes) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/datasets?name=" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8))).header("Content-Type", "text/csv")
                .header(dev.gated.studio.web.Guard.TOKEN_HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** An upload to the Text tab's route. */
    Reply uploadText(String name, byte[] bytes) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/text/datasets?name=" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8))).header("Content-Type", "text/plain")
                .header(dev.gated.studio.web.Guard.TOKEN_HEADER, token).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Reply uploadText(String name, String text) throws IOException, InterruptedException {
        return uploadText(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = null;
        try {
            node = JSON.readTree(r.body());
        } catch (IOException notJson) {
            // CSV, model files, pages
        }
        return new Reply(r.statusCode(), node, r.body());
    }

    /** A raw HTTP/1.1 exchange, so the Host header is exactly what an attacker's page would make the browser send. */
    String raw(String request) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Polls a job until it has finished; returns its final view. */
    JsonNode awaitFinished(String job, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            JsonNode j = get("/api/jobs/" + job).json();
            String s = j.get("state").asText();
            if (s.equals("done") || s.equals("failed") || s.equals("cancelled")) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " did not finish within " + limit);
    }
}

package dev.gated.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gated.studio.web.Guard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 6: other websites cannot drive the studio. DNS rebinding (a foreign Host), cross-origin writes
 * (a text/plain form POST from another page) and writes without the session token are refused with 403, and
 * nothing is started; the studio's own requests still work.
 */
class SecurityHttpTest {

    static StudioServer server;
    static Http http;

    @BeforeAll
    static void start() {
        server = new StudioServer(StudioOptions.defaults().withPort(0)).start();
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String raw(String request) throws IOException {
        return http.raw(request);
    }

    static String runBody() {
        return "{\"prepare\":{\"dataset\":\"d1\",\"target\":\"Passengers\"},\"models\":[{\"kind\":\"rnn\",\"epochs\":1}]}";
    }

    @Test
    void aForeignHostIsRefused() throws Exception {
        String page = raw("GET / HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\nConnection: close\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 403"), page.lines().findFirst().orElse(""));
        assertTrue(page.contains("answers only to its own address"), page);
        String api = raw("GET /api/session HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
        assertTrue(api.startsWith("HTTP/1.1 403"), "a rebound name cannot read the token: " + api);
        String own = raw("GET /api/info HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n");
        assertTrue(own.startsWith("HTTP/1.1 200"), own.lines().findFirst().orElse(""));
    }

    @Test
    void aCrossOriginWriteIsRefusedEvenWithTheToken() throws Exception {
        http.post("/api/samples/airline-passengers", "");
        int before = server.jobs().jobs().size();
        Http.Reply r = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/runs"))
                .header("Content-Type", "text/plain").header("Origin", "http://evil.example")
                .header(Guard.TOKEN_HEADER, http.token).POST(HttpRequest.BodyPublishers.ofString(runBody())));
        assertEquals(403, r.status(), r.body());
        assertTrue(r.error().contains("http://evil.example"), r.error());
        assertEquals(before, server.jobs().jobs().size(), "no job was started");
    }

    @Test
    void writesNeedTheSessionToken() throws Exception {
        int before = server.jobs().jobs().size();
        Http.Reply none = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/runs"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(runBody())));
        assertEquals(403, none.status(), none.body());
        assertTrue(none.error().contains("session token"), none.error());
        Http.Reply wrong = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/samples/sine"))
                .header(Guard.TOKEN_HEADER, "0123").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, wrong.status(), wrong.body());
        Http.Reply cancel = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/jobs/j1/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, cancel.status(), "cancel is a write too");
        assertEquals(before, server.jobs().jobs().size(), "no job was started");

        Http.Reply session = http.get("/api/session");
        assertEquals(200, session.status());
        assertEquals(http.token, session.json().get("token").asText());
        assertTrue(session.json().get("token").asText().length() >= 32, "an unguessable token");
        Http.Reply sameOrigin = http.send(HttpRequest.newBuilder(URI.create(http.base + "/api/samples/sine"))
                .header("Origin", http.base).header(Guard.TOKEN_HEADER, http.token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, sameOrigin.status(), "the studio's own page may write: " + sameOrigin.body());
    }
}

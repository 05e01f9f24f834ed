package dev.gated.studio.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open Server-Sent-Event streams ({@code GET /api/events}) and the broadcast to them. Training threads
 * publish and return at once: each client has its own sender thread and queue, so a slow or vanished browser
 * never holds up training or the other clients. A client whose connection is gone is dropped.
 */
public final class EventHub {

    private final Map<SseClient, ExecutorService> clients = new ConcurrentHashMap<>();
    private final ObjectMapper json;
    private final AtomicInteger counter = new AtomicInteger();

    public EventHub(ObjectMapper json) {
        this.json = json;
    }

    public void add(SseClient client) {
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "studio-sse-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        clients.put(client, sender);
        client.onClose(() -> drop(client));
    }

    private void drop(SseClient client) {
        ExecutorService sender = clients.remove(client);
        if (sender != null) {
            sender.shutdownNow();
        }
    }

    /** Queues {@code event} with {@code data} as JSON for every open stream. */
    public void publish(String event, Object data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a " + event + " event: " + e.getOriginalMessage(), e);
        }
        clients.forEach((c, sender) -> {
            try {
                sender.execute(() -> send(c, event, text));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                clients.remove(c);
            }
        });
    }

    private void send(SseClient c, String event, String text) {
        try {
            if (c.terminated()) {
                drop(c);
            } else {
                c.sendEvent(event, text);
            }
        } catch (RuntimeException gone) {
            drop(c);
        }
    }

    /** Ends every stream (server stop). */
    public void closeAll() {
        for (SseClient c : clients.keySet()) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already closed
            }
            drop(c);
        }
    }

    public int size() {
        return clients.size();
    }
}

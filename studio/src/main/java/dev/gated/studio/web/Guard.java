package dev.gated.studio.web;

import dev.gated.studio.StudioOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Keeps other websites out of a studio running on the user's machine. A page from another origin can make the
 * browser send requests to 127.0.0.1, and a DNS-rebinding name can even make them same-origin; so every request
 * goes through three checks before any route sees it:
 * <pre>
 *   Host      must name the address the studio is bound to, or a loopback name, with its port
 *             (127.0.0.1:7788, localhost:7788, [::1]:7788)              → else 403 (DNS rebinding)
 *   Origin    on a state-changing request (POST, PUT, PATCH, DELETE), when the browser sends one, must be
 *             http://&lt;Host&gt; ; Sec-Fetch-Site, when sent, must not be cross-site  → else 403 (cross-site request)
 *   token     every state-changing request carries X-Studio-Token, a random value made when the server starts
 *             and handed out by GET /api/session, which another origin cannot read            → else 403
 * </pre>
 * With {@code --allow-remote} on a wildcard address (0.0.0.0, ::) the Host check is off (the machine's names are
 * not known); the Origin and token checks stay.
 */
public final class Guard {

    /** The header that carries the session token. */
    public static final String TOKEN_HEADER = "X-Studio-Token";
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private final StudioOptions options;
    private final IntSupplier port;
    private final String token;

    public Guard(StudioOptions options, IntSupplier port) {
        this.options = options;
        this.port = port;
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.token = HexFormat.of().formatHex(b);
    }

    public String token() {
        return token;
    }

    public void register(Javalin app) {
        app.before(this::check);
        app.get("/api/session", ctx -> {
            ctx.header("Cache-Control", "no-store");
            ctx.json(Map.of("token", token, "header", TOKEN_HEADER));
        });
    }

    private void check(Context ctx) {
        String host = ctx.header("Host");
        if (!hostAllowed(host)) {
            throw new ApiException(403, "this studio answers only to its own address (" + expectedHosts()
                    + "), not to Host \"" + (host == null ? "" : host) + "\"; open the address the studio printed");
        }
        if (!WRITES.contains(ctx.method())) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            throw new ApiException(403, "a page from " + origin + " may not change this studio; use the studio's own "
                    + "page at http://" + host + "/");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            throw new ApiException(403, "a page from another site may not change this studio");
        }
        String sent = ctx.header(TOKEN_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, sent == null ? "this request has no session token; reload the studio's page"
                    : "the session token does not match (the studio was restarted?); reload the studio's page");
        }
    }

    boolean hostAllowed(String host) {
        if (options.allowRemote() && isWildcard(options.host())) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int p = port.getAsInt();
        for (String name : java.util.List.of(bound(), "localhost", "127.0.0.1", "[::1]")) {
            if (h.equals(name + ":" + p)) {
                return true;
            }
        }
        return false;
    }

    private String bound() {
        String b = options.host().toLowerCase(Locale.ROOT);
        return b.contains(":") && !b.startsWith("[") ? "[" + b + "]" : b;
    }

    private String expectedHosts() {
        return bound() + ":" + port.getAsInt() + ", localhost:" + port.getAsInt();
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }
}

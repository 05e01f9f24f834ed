package dev.gated.studio;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the studio's server is started.
 *
 * @param host           the address to bind; loopback unless {@code allowRemote}
 * @param port           the TCP port; 0 picks a free one (tests)
 * @param maxUploadBytes the largest CSV upload accepted, in bytes; larger ones get 413
 * @param allowRemote    true to allow binding a non-loopback address (anyone who can reach it can use the studio)
 * @param workers        training jobs that run at once; the others wait in the queue
 */
public record StudioOptions(String host, int port, long maxUploadBytes, boolean allowRemote, int workers) {

    public static final int DEFAULT_PORT = 7788;
    public static final int DEFAULT_MAX_UPLOAD_MB = 20;

    public StudioOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in 0..65535, got " + port);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("--max-upload-mb must be at least 1, got " + maxUploadBytes + " bytes");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (!allowRemote && !isLoopback(host)) {
            throw new IllegalArgumentException("--host " + host + " is not a loopback address; the studio has no login, "
                    + "so binding it elsewhere needs --allow-remote");
        }
    }

    /** 127.0.0.1, the default port, a 20 MB upload limit, two concurrent jobs. */
    public static StudioOptions defaults() {
        return new StudioOptions("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_UPLOAD_MB * 1024L * 1024L, false, 2);
    }

    public StudioOptions withPort(int p) {
        return new StudioOptions(host, p, maxUploadBytes, allowRemote, workers);
    }

    public StudioOptions withMaxUploadBytes(long b) {
        return new StudioOptions(host, port, b, allowRemote, workers);
    }

    public StudioOptions withWorkers(int w) {
        return new StudioOptions(host, port, maxUploadBytes, allowRemote, w);
    }

    /** True for 127.0.0.0/8, ::1 and "localhost". */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package dev.gated.studio;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the studio without the {@code gated} command:
 * {@code java -cp … dev.gated.studio.StudioMain [--port N] [--host H --allow-remote] [--max-upload-mb M]}.
 */
public final class StudioMain {

    private StudioMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        StudioOptions o = StudioOptions.defaults();
        String host = o.host();
        int port = o.port();
        long maxMb = StudioOptions.DEFAULT_MAX_UPLOAD_MB;
        boolean remote = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--host" -> host = args[++i];
                    case "--max-upload-mb" -> maxMb = Long.parseLong(args[++i]);
                    case "--allow-remote" -> remote = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; the options are --port N, --host H, --allow-remote, --max-upload-mb M");
                }
            }
            o = new StudioOptions(host, port, maxMb * 1024 * 1024, remote, o.workers());
        } catch (RuntimeException e) {
            System.err.println("gated studio: " + e.getMessage());
            System.exit(2);
            return;
        }
        run(o);
    }

    /** Starts the server, prints the URL and serves until the process is stopped. */
    public static void run(StudioOptions o) throws InterruptedException {
        if (!StudioOptions.isLoopback(o.host())) {
            System.err.println("WARNING: the studio is listening on " + o.host() + ": anyone who can reach this "
                    + "address can upload files and run training jobs. It has no login.");
        }
        StudioServer server = new StudioServer(o).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "studio-shutdown"));
        System.out.println("Gated studio: " + server.url() + "  (Ctrl+C to stop)");
        new CountDownLatch(1).await();
    }
}

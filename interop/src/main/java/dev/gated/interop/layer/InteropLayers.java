package dev.gated.interop.layer;

/** Registers the layers this module adds (Masking, Activation) with core's LayerFactory, so model files holding them load. */
public final class InteropLayers {

    private InteropLayers() {
    }

    /** Idempotent; call before {@code ModelFile.load} of a model that may hold imported layers. */
    public static void register() {
        Masking.register();
        ActivationLayer.register();
    }
}

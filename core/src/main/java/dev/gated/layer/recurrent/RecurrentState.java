package dev.gated.layer.recurrent;

import dev.gated.tensor.Tensor;

/**
 * The output of a recurrent layer together with its final state.
 *
 * @param output         (B, T, H) with return-sequences, else (B, H): the last output
 * @param finalHidden    h after the last step processed (B, H); with a mask, after the last valid step
 * @param finalCell      c after the last step (B, H), LSTM only; null otherwise
 */
public record RecurrentState(Tensor output, Tensor finalHidden, Tensor finalCell) {
}

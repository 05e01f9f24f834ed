#!/usr/bin/env python3
"""Reference features for MfccReferenceTest, from the formulas, with numpy and scipy only.

Rerun (Debian: apt-get install python3-numpy python3-scipy):
    python3 audio/scripts/mfcc_reference.py audio/src/test/resources/dev/gated/audio

Writes signal.wav (0.6 s, 8 kHz, 32-bit float, synthesised below) and, for it, power.csv (T x 129),
logmel.csv (T x 40), mfcc.csv (T x 13) and features.csv (T x 39, [c, delta, delta-delta], normalised per
utterance). Conventions (librosa's where it has one):
  frames    200 samples (25 ms), hop 80 (10 ms), no centring, T = 1 + (N - 200) // 80
  window    periodic Hann, scipy.signal.get_window('hann', 200); frame zero-padded at its end to n_fft = 256
  power     |rfft|^2 (numpy.fft.rfft)
  mel       Slaney scale and Slaney area norm = librosa.filters.mel(sr=8000, n_fft=256, n_mels=40, htk=False,
            norm='slaney'), written out here from its definition
  log-mel   10 log10(max(S, 1e-10)) = librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=None)
  mfcc      scipy.fft.dct(type=2, norm='ortho') of log-mel, first 13 (= librosa.feature.mfcc's dct)
  deltas    HTK regression, N = 2, edges replicated (librosa.feature.delta uses a Savitzky-Golay filter instead)
  cmvn      per utterance: (x - mean) / max(std, 1e-8), population std
"""
import os
import sys

import numpy as np
import scipy.fft
import scipy.io.wavfile
import scipy.signal

SR, L, H, NFFT, M, C = 8000, 200, 80, 256, 40, 13


def signal():
    t = np.arange(int(0.6 * SR)) / SR
    chirp = scipy.signal.chirp(t, f0=200, t1=0.6, f1=3500, method='logarithmic')
    tone = 0.3 * np.sin(2 * np.pi * 440 * t)
    noise = 0.05 * np.random.default_rng(11).standard_normal(t.size)
    envelope = np.minimum(1, np.minimum(t / 0.05, (0.6 - t) / 0.05))
    return (0.5 * envelope * (chirp + tone) + noise).astype(np.float32)


def hz_to_mel(f):
    f = np.asarray(f, dtype=float)
    return np.where(f < 1000, 3 * f / 200, 15 + 27 * np.log(np.maximum(f, 1e-12) / 1000) / np.log(6.4))


def mel_to_hz(m):
    m = np.asarray(m, dtype=float)
    return np.where(m < 15, 200 * m / 3, 1000 * np.exp((m - 15) * np.log(6.4) / 27))


def mel_filterbank():
    edges = mel_to_hz(np.linspace(hz_to_mel(0), hz_to_mel(SR / 2), M + 2))
    nu = np.arange(NFFT // 2 + 1) * SR / NFFT
    w = np.zeros((M, nu.size))
    for m in range(M):
        lower = (nu - edges[m]) / (edges[m + 1] - edges[m])
        upper = (edges[m + 2] - nu) / (edges[m + 2] - edges[m + 1])
        w[m] = np.maximum(0, np.minimum(lower, upper)) * 2 / (edges[m + 2] - edges[m])
    return w


def deltas(c, n=2):
    T = c.shape[0]
    idx = np.arange(T)
    out = np.zeros_like(c)
    for k in range(1, n + 1):
        out += k * (c[np.minimum(idx + k, T - 1)] - c[np.maximum(idx - k, 0)])
    return out / (2 * sum(k * k for k in range(1, n + 1)))


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    x32 = signal()
    scipy.io.wavfile.write(os.path.join(out_dir, 'signal.wav'), SR, x32)
    x = x32.astype(np.float64)
    T = 1 + (x.size - L) // H
    window = scipy.signal.get_window('hann', L)  # periodic
    frames = np.stack([x[t * H:t * H + L] * window for t in range(T)])
    power = np.abs(np.fft.rfft(frames, n=NFFT, axis=1)) ** 2
    logmel = 10 * np.log10(np.maximum(power @ mel_filterbank().T, 1e-10))
    mfcc = scipy.fft.dct(logmel, type=2, norm='ortho', axis=1)[:, :C]
    d = deltas(mfcc)
    feats = np.hstack([mfcc, d, deltas(d)])
    feats = (feats - feats.mean(axis=0)) / np.maximum(feats.std(axis=0), 1e-8)
    for name, a in [('power', power), ('logmel', logmel), ('mfcc', mfcc), ('features', feats)]:
        np.savetxt(os.path.join(out_dir, name + '.csv'), a, delimiter=',', fmt='%.17g')
    print(f'{T} frames written to {out_dir}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')

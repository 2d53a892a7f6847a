#!/usr/bin/env python3
"""Reference log-mel features for test/unit/whisper/log-mel.test.ts.

Implements openai-whisper's log_mel_spectrogram step by step with numpy (its own framing, a
periodic Hann window, reflect padding, |rfft|^2, the librosa Slaney mel filterbank formula,
log10 clamp, max - 8, (x + 4) / 4) on the deterministic signal of test-signal.ts, then writes
a compact fixture: for each case the first frames of every mel bin as float32 little-endian,
plus the padding value and checksums over all 3000 frames.

Run once from the repository root and commit the output:
    python3 test/support/reference/whisper_log_mel.py
"""
import json
import os

import numpy as np

SAMPLE_RATE = 16000
N_FFT = 400
HOP = 160
N_SAMPLES = 30 * SAMPLE_RATE
SEED = 0x9E3779B9
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "whisper-log-mel")

# (name, seconds, n_mels, frames stored)
CASES = [("tones-1.3s-80", 1.3, 80, 140), ("tones-0.45s-128", 0.45, 128, 52)]


def test_signal(seconds):
    n = round(seconds * SAMPLE_RATE)
    out = np.zeros(n, dtype=np.float32)
    state = SEED
    for i in range(n):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        noise = (2 * state) / 2**32 - 1
        t = i / SAMPLE_RATE
        swell = 0.5 + 0.5 * np.sin(2 * np.pi * 1.5 * t)
        out[i] = (
            0.3 * swell * np.sin(2 * np.pi * 440 * t)
            + 0.2 * np.sin(2 * np.pi * 1234.5 * t)
            + 0.1 * np.sin(2 * np.pi * 3000 * t + 0.5)
            + 0.05 * noise
        )
    return out


def hz_to_mel(f):
    f = np.asanyarray(f, dtype=np.float64)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mels)


def mel_to_hz(m):
    m = np.asanyarray(m, dtype=np.float64)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_filters(n_mels):
    """librosa.filters.mel(sr=16000, n_fft=400, n_mels=n_mels), htk=False, norm='slaney', float32."""
    fftfreqs = np.fft.rfftfreq(n=N_FFT, d=1.0 / SAMPLE_RATE)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SAMPLE_RATE / 2), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, 1 + N_FFT // 2), dtype=np.float32)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2 : n_mels + 2] - mel_f[:n_mels])
    weights *= enorm[:, np.newaxis]
    return weights


def log_mel(audio, n_mels):
    audio = np.pad(audio.astype(np.float64), (0, N_SAMPLES - len(audio)))
    padded = np.pad(audio, (N_FFT // 2, N_FFT // 2), mode="reflect")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)  # periodic Hann
    n_frames = 1 + (len(padded) - N_FFT) // HOP
    frames = np.stack([padded[t * HOP : t * HOP + N_FFT] for t in range(n_frames)])
    power = np.abs(np.fft.rfft(frames * window, axis=1)) ** 2
    power = power[:-1]  # whisper drops the last frame: 3000 frames
    mel = mel_filters(n_mels).astype(np.float64) @ power.T
    log_spec = np.log10(np.maximum(mel, 1e-10))
    log_spec = np.maximum(log_spec, log_spec.max() - 8.0)
    return (log_spec + 4.0) / 4.0


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    meta = {"generator": "test/support/reference/whisper_log_mel.py", "cases": []}
    for name, seconds, n_mels, stored in CASES:
        audio = test_signal(seconds)
        features = log_mel(audio, n_mels)
        assert features.shape == (n_mels, 3000)
        head = np.ascontiguousarray(features[:, :stored], dtype="<f4")
        head.tofile(os.path.join(OUT_DIR, f"{name}.f32"))
        meta["cases"].append(
            {
                "name": name,
                "seconds": seconds,
                "nMels": n_mels,
                "storedFrames": stored,
                "file": f"{name}.f32",
                "paddingValue": float(features[0, -1]),
                "sum": float(features.sum()),
                "sumOfSquares": float((features**2).sum()),
                "max": float(features.max()),
                "min": float(features.min()),
            }
        )
        print(name, features.shape, "padding", features[0, -1], "sum", features.sum())
    with open(os.path.join(OUT_DIR, "fixture.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()

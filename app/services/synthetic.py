"""Realistic synthetic signatures for demonstrations and tests (never for real patients).

Each signature is a few strokes of handwriting-like curves (a sum of sines drifting across the pad),
with pen pressure that rises and falls within a stroke and timing at about 60-120 points a second.
"""
from __future__ import annotations

import math
import random


def synthetic_signature(seed: int, strokes: int = 3) -> list[list[list[float]]]:
    rng = random.Random(seed)
    out: list[list[list[float]]] = []
    t = 0
    x = 0.08 + rng.random() * 0.08
    for s in range(strokes):
        n = rng.randint(28, 60)
        width = rng.uniform(0.18, 0.32)
        base_y = rng.uniform(0.45, 0.6)
        f1, f2 = rng.uniform(2.0, 4.5), rng.uniform(6.0, 11.0)
        a1, a2 = rng.uniform(0.12, 0.22), rng.uniform(0.03, 0.08)
        phase = rng.uniform(0, math.tau)
        stroke = []
        for i in range(n):
            u = i / (n - 1)
            px = x + width * u + 0.015 * math.sin(f2 * u * math.pi + phase)
            py = base_y - a1 * math.sin(f1 * u * math.pi + phase) - a2 * math.cos(f2 * u * math.pi)
            pressure = 0.35 + 0.45 * math.sin(math.pi * u) * rng.uniform(0.8, 1.0)
            stroke.append([round(min(max(px, 0.0), 1.0), 4), round(min(max(py, 0.0), 1.0), 4), t,
                           round(min(max(pressure, 0.05), 1.0), 3)])
            t += rng.randint(8, 16)
        out.append(stroke)
        x = min(x + width + rng.uniform(0.02, 0.06), 0.7)
        t += rng.randint(120, 400)  # pen lifted between strokes
    return out


def synthetic_mark(seed: int) -> list[list[list[float]]]:
    """A cross, as made by a patient who cannot write."""
    rng = random.Random(seed)
    cx, cy, r = rng.uniform(0.4, 0.6), rng.uniform(0.4, 0.6), rng.uniform(0.18, 0.25)
    one = [[round(cx - r + 2 * r * i / 19, 4), round(cy - r + 2 * r * i / 19, 4), i * 12, 0.6] for i in range(20)]
    two = [[round(cx + r - 2 * r * i / 19, 4), round(cy - r + 2 * r * i / 19, 4), 600 + i * 12, 0.6]
           for i in range(20)]
    return [one, two]

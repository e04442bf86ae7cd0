#!/usr/bin/env python3
"""Vectorised numpy enumeration of an Ising model: the numpy peer for gibbs' enumeration benchmark.

All 2^N states in chunks. Spins split into a low part (2^lo configurations) and a high part; for a
chunk of high configurations the energies of every (high, low) pair are
    E = E_low[None, :] + E_high[:, None] + (S_high J_hl) S_low^T
(one BLAS matrix product per chunk), then one vectorised exp and the same accumulators as the
C peer (z, sum w E, sum w E^2, sum w M, sum w M^2, sum w |M|), merged across chunks in the log
domain. Energy: E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m.

Input: the text format of enumerate.c (N, N fields, N x N couplings). Usage: MODEL BETA.
Prints one JSON object with the results and the seconds taken (model loading excluded).
"""
import json
import sys
import time

import numpy as np


def spins(bits: int) -> np.ndarray:
    x = np.arange(2 ** bits, dtype=np.int64)
    return (1 - 2 * ((x[:, None] >> np.arange(bits)) & 1)).astype(np.float64)


def main() -> None:
    path, beta = sys.argv[1], float(sys.argv[2])
    with open(path) as f:
        values = np.array(f.read().split(), dtype=np.float64)
    n = int(values[0])
    h = values[1:1 + n]
    J = values[1 + n:1 + n + n * n].reshape(n, n)
    start = time.perf_counter()
    lo = min(n, 14)
    hi = n - lo
    s_lo = spins(lo)
    s_hi = spins(hi) if hi > 0 else np.ones((1, 0))
    j_ll, j_hh, j_hl = J[:lo, :lo], J[lo:, lo:], J[lo:, :lo]
    e_lo = s_lo @ h[:lo] + 0.5 * np.einsum('ij,ij->i', s_lo @ j_ll, s_lo)
    e_hi = s_hi @ h[lo:] + 0.5 * np.einsum('ij,ij->i', s_hi @ j_hh, s_hi)
    m_lo = s_lo.sum(axis=1)
    m_hi = s_hi.sum(axis=1)
    ref = None
    z = e1 = e2 = m1 = m2 = ma = 0.0
    chunk = max(1, (1 << 20) >> lo)
    for a in range(0, s_hi.shape[0], chunk):
        b = min(a + chunk, s_hi.shape[0])
        energy = e_lo[None, :] + e_hi[a:b, None] + (s_hi[a:b] @ j_hl) @ s_lo.T
        mag = m_lo[None, :] + m_hi[a:b, None]
        emin = energy.min()
        if ref is None or emin < ref:
            if ref is not None:
                f = np.exp(-beta * (ref - emin))
                z, e1, e2, m1, m2, ma = z * f, e1 * f, e2 * f, m1 * f, m2 * f, ma * f
            ref = emin
        w = np.exp(-beta * (energy - ref))
        z += w.sum()
        e1 += (w * energy).sum()
        e2 += (w * energy * energy).sum()
        m1 += (w * mag).sum()
        m2 += (w * mag * mag).sum()
        ma += (w * np.abs(mag)).sum()
    seconds = time.perf_counter() - start
    u = e1 / z
    mean = m1 / z
    print(json.dumps({
        "spins": n, "beta": beta, "logZ": float(np.log(z) - beta * ref), "energy": float(u),
        "heatCapacity": float(beta * beta * (e2 / z - u * u)), "magnetization": float(mean),
        "absMagnetization": float(ma / z), "susceptibility": float(beta * (m2 / z - mean * mean)), "seconds": seconds,
    }))


if __name__ == "__main__":
    main()

"""Vectorised numpy peer for the Metropolis benchmark: 2D square lattice L x L, periodic,
J = -1 (ferromagnet), checkerboard updates of whole sublattices with np.roll neighbour sums,
acceptance table exp(-beta dE), numpy's default generator (PCG64).
Usage: python3 mcmc_checkerboard.py L beta sweeps. Prints JSON: CPU ns per spin-flip attempt."""
import json
import sys
import time

import numpy as np


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    beta = float(sys.argv[2]) if len(sys.argv) > 2 else 0.44068679350977147
    sweeps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = np.random.default_rng(1)
    spins = np.ones((size, size), dtype=np.int8)
    parity = np.add.outer(np.arange(size), np.arange(size)) % 2
    colours = [parity == 0, parity == 1]
    # dE = 2 s q for J = -1, with q the sum of the four neighbours: table by s q + 4.
    table = np.minimum(1.0, np.exp(-beta * 2.0 * np.arange(-4, 5)))
    start = time.process_time()
    for _ in range(sweeps):
        for colour in colours:
            q = np.roll(spins, 1, 0) + np.roll(spins, -1, 0) + np.roll(spins, 1, 1) + np.roll(spins, -1, 1)
            accept = (rng.random((size, size)) < table[spins * q + 4]) & colour
            spins = np.where(accept, -spins, spins)
    seconds = time.process_time() - start
    energy = -float(np.sum(spins * (np.roll(spins, 1, 0) + np.roll(spins, 1, 1)), dtype=np.int64)) / size**2
    print(json.dumps({"nsPerSpin": 1e9 * seconds / (sweeps * size * size), "seconds": seconds, "energyPerSpin": energy}))


if __name__ == "__main__":
    main()

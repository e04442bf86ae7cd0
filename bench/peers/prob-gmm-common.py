"""Shared loading for the Gaussian-mixture EM peers (bench/prob.bench.ts writes the inputs)."""
import json
import sys

import numpy as np


def load():
    """Read the data (float64, row-major) and the starting parameters named on the command line."""
    spec = json.loads(sys.argv[1])
    x = np.fromfile(spec["data"], dtype="<f8").reshape(spec["rows"], spec["cols"])
    init = spec["init"]
    k, d = len(init["weights"]), spec["cols"]
    weights = np.array(init["weights"])
    means = np.array(init["means"]).reshape(k, d)
    covariances = np.array(init["covariances"]).reshape(k, d, d)
    return spec, x, weights, means, covariances


def report(seconds_per_iteration, log_likelihood, extra=None):
    out = {"secondsPerIteration": seconds_per_iteration, "logLikelihood": float(log_likelihood)}
    out.update(extra or {})
    print(json.dumps(out))

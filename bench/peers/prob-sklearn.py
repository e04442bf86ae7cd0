#!/usr/bin/env python3
"""Peer: scikit-learn's GaussianMixture (full covariances), from given starting parameters.

Seconds per EM iteration = (time of a fit with 2 + N iterations - time with 2) / N, best of the
repeats, so set-up costs cancel. Reports the final total log-likelihood (score * n) after 2 + N
iterations with tol = 0 (every iteration runs). Run with OMP/OPENBLAS threads = 1.
"""
import time
import warnings

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_info

from importlib import import_module

common = import_module("prob-gmm-common")


def fit(x, weights, means, covariances, iterations, reg):
    gm = GaussianMixture(len(weights), covariance_type="full", weights_init=weights, means_init=means,
                         precisions_init=np.linalg.inv(covariances), max_iter=iterations, tol=0, reg_covar=reg,
                         init_params="random_from_data", random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        gm.fit(x)
        return time.perf_counter() - start, gm


def main():
    spec, x, weights, means, covariances = common.load()
    n = spec["iterations"]
    best = np.inf
    gm = None
    for _ in range(spec["repeats"]):
        short, _g = fit(x, weights, means, covariances, 2, spec["regularization"])
        long, gm = fit(x, weights, means, covariances, 2 + n, spec["regularization"])
        best = min(best, (long - short) / n)
    blas = [f"{i['internal_api']} {i.get('architecture', '')} threads={i['num_threads']}" for i in threadpool_info()]
    common.report(best, gm.score(x) * x.shape[0], {"version": sklearn.__version__, "blas": blas})


if __name__ == "__main__":
    main()

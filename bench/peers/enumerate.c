/*
 * Plain C Gray-code enumeration of an Ising model, the peer for gibbs' enumeration benchmark.
 * Same work as a straightforward exact enumerator: visit all 2^N states in Gray-code order,
 * update the energy and the local fields incrementally (dense coupling rows, which gcc -O3
 * vectorises), one exp per state with a running minimum-energy shift, and accumulate
 * z, sum w E, sum w E^2, sum w M, sum w M^2, sum w |M|.
 *
 * Energy convention: E(s) = sum_n h_n s_n + sum_{n<m} J_nm s_n s_m.
 * Input file (text): N, then N fields, then the N x N symmetric coupling matrix (zero diagonal).
 * Usage: enumerate MODEL BETA  -> prints one JSON object with the results and the seconds taken.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s MODEL BETA\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  int n;
  if (fscanf(f, "%d", &n) != 1 || n < 1 || n > 40) return 2;
  double beta = atof(argv[2]);
  double *h = malloc(sizeof(double) * n);
  double *J = malloc(sizeof(double) * n * n);
  double *local = malloc(sizeof(double) * n);
  int *s = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++)
    if (fscanf(f, "%lf", &h[i]) != 1) return 2;
  for (int i = 0; i < n * n; i++)
    if (fscanf(f, "%lf", &J[i]) != 1) return 2;
  fclose(f);

  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  /* Start from all spins +1. */
  double energy = 0;
  for (int i = 0; i < n; i++) {
    s[i] = 1;
    local[i] = h[i];
    for (int j = 0; j < n; j++) local[i] += J[i * n + j];
  }
  for (int i = 0; i < n; i++) {
    energy += h[i];
    for (int j = i + 1; j < n; j++) energy += J[i * n + j];
  }
  int m = n;
  double eref = energy;
  double z = 0, e1 = 0, e2 = 0, m1 = 0, m2 = 0, ma = 0;
  unsigned long long total = 1ULL << n;
  for (unsigned long long step = 0; step < total; step++) {
    if (step) {
      int k = __builtin_ctzll(step);
      int sk = s[k];
      energy -= 2.0 * sk * local[k];
      m -= 2 * sk;
      s[k] = -sk;
      double delta = -2.0 * sk;
      const double *row = J + (size_t)k * n;
      for (int j = 0; j < n; j++) local[j] += delta * row[j];
      if (energy < eref) {
        /* New lowest energy: shift the reference so weights stay <= 1. */
        double r = exp(-beta * (eref - energy));
        z *= r;
        e1 *= r;
        e2 *= r;
        m1 *= r;
        m2 *= r;
        ma *= r;
        eref = energy;
      }
    }
    double w = exp(-beta * (energy - eref));
    z += w;
    e1 += w * energy;
    e2 += w * energy * energy;
    m1 += w * m;
    m2 += w * (double)m * m;
    ma += w * abs(m);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  double u = e1 / z;
  double mean = m1 / z;
  printf("{\"spins\": %d, \"beta\": %.17g, \"logZ\": %.17g, \"energy\": %.17g, \"heatCapacity\": %.17g, "
         "\"magnetization\": %.17g, \"absMagnetization\": %.17g, \"susceptibility\": %.17g, \"seconds\": %.6f}\n",
         n, beta, log(z) - beta * eref, u, beta * beta * (e2 / z - u * u), mean, ma / z, beta * (m2 / z - mean * mean), seconds);
  return 0;
}

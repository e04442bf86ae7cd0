/*
 * Plain C peer for the gas benchmark: NVT single-particle displacement Metropolis for the
 * Lennard-Jones fluid (truncated at rc, unshifted) in a periodic cube, with the same algorithm
 * as gibbs' displacement kernel (src/mcmc/gas/displacement.ts):
 *   - fcc lattice start, xoshiro128** random numbers (same generator as gibbs),
 *   - cell lists: cells at least rc wide, per-cell member and coordinate arrays of fixed
 *     capacity with O(1) removal, precomputed 27-cell neighbourhoods carrying the periodic
 *     image shift of each neighbour cell (so no minimum-image branches; needs >= 3 cells
 *     per axis),
 *   - per trial move: pick a particle, uniform displacement in [-delta, delta]^3 with wrap,
 *     energy of the particle with its neighbours at the new and old positions (one fused pass
 *     over the neighbours when the move stays in its cell), Metropolis test, cell update on
 *     acceptance.
 * The step size is tuned during a short burn-in towards 40% acceptance, then frozen.
 *
 * usage: gas-lj N rho T rc sweeps burnin seed
 * prints JSON: { "particles", "microsecondsPerMove" (CPU time), "acceptance", "energyPerParticle"
 * (truncated potential, averaged over the timed sweeps), "cells", "stepSize" }
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint32_t s0, s1, s2, s3;

static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static inline uint32_t next32(void) {
  uint32_t result = rotl(s1 * 5, 7) * 9;
  uint32_t t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl(s3, 11);
  return result;
}

static void seed_rng(uint64_t seed) {
  uint64_t x = seed;
  uint32_t w[4];
  for (int i = 0; i < 2; i++) {
    x += 0x9e3779b97f4a7c15ULL;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    w[2 * i] = (uint32_t)z;
    w[2 * i + 1] = (uint32_t)(z >> 32);
  }
  s0 = w[0]; s1 = w[1]; s2 = w[2]; s3 = w[3];
}

/* Uniform integer in [0, n): Lemire's multiply-and-reject, as gibbs' Rng.nextInt. */
static inline uint32_t next_int(uint32_t n) {
  uint32_t threshold = (uint32_t)(4294967296ULL % n);
  for (;;) {
    uint64_t m = (uint64_t)next32() * n;
    if ((uint32_t)m >= threshold) return (uint32_t)(m >> 32);
  }
}

/* (k + 1/2) 2^-32: symmetric uniform variate, as in gibbs. */
static inline double next_unit(void) { return ((double)next32() + 0.5) * (1.0 / 4294967296.0); }

static int N, nc, ncell, capacity;
static double L, rc2, a12, b6, energy_total;
static double *pos, *coords;
static int *count, *members, *cell_of, *slot_of, *nb_start, *nb;
static double *nb_shift;

static inline int cell_index(double x, double y, double z) {
  double inv = nc / L;
  int cx = (int)floor(x * inv), cy = (int)floor(y * inv), cz = (int)floor(z * inv);
  cx = cx < 0 ? 0 : cx >= nc ? nc - 1 : cx;
  cy = cy < 0 ? 0 : cy >= nc ? nc - 1 : cy;
  cz = cz < 0 ? 0 : cz >= nc ? nc - 1 : cz;
  return cx + nc * (cy + nc * cz);
}

static void insert(int i, int c) {
  if (count[c] == capacity) { fprintf(stderr, "cell overflow\n"); exit(1); }
  int slot = count[c]++, at = c * capacity + slot;
  members[at] = i;
  memcpy(&coords[3 * at], &pos[3 * i], 3 * sizeof(double));
  cell_of[i] = c;
  slot_of[i] = slot;
}

static void removep(int i) {
  int c = cell_of[i], base = c * capacity, last = base + --count[c], at = base + slot_of[i];
  int moved = members[last];
  members[at] = moved;
  memcpy(&coords[3 * at], &coords[3 * last], 3 * sizeof(double));
  slot_of[moved] = slot_of[i];
}

/* Energy of a particle at (x, y, z) in `cell` with everyone stored except flat slot `self`. */
static inline double particle_energy(int self, double x, double y, double z, int cell) {
  double e = 0;
  int skip = 3 * self;
  for (int q = nb_start[cell]; q < nb_start[cell + 1]; q++) {
    int c = nb[q];
    double sx = nb_shift[3 * q] - x, sy = nb_shift[3 * q + 1] - y, sz = nb_shift[3 * q + 2] - z;
    int base = 3 * c * capacity, stop = base + 3 * count[c];
    for (int s = base; s < stop; s += 3) {
      double dx = coords[s] + sx, dy = coords[s + 1] + sy, dz = coords[s + 2] + sz;
      double r2 = dx * dx + dy * dy + dz * dz;
      if (r2 < rc2 && s != skip) {
        double inv = 1.0 / r2, s3 = inv * inv * inv;
        e += s3 * (a12 * s3 - b6);
      }
    }
  }
  return e;
}

/* Energy change of a move from (ox, oy, oz) to (x, y, z) inside the same cell: one pass over
 * the neighbours computes both distances per coordinate load (as gibbs' sameCellEnergyChange3). */
static inline double same_cell_change(int self, double ox, double oy, double oz, double x, double y, double z, int cell) {
  double delta = 0;
  int skip = 3 * self;
  for (int q = nb_start[cell]; q < nb_start[cell + 1]; q++) {
    int c = nb[q];
    double sx = nb_shift[3 * q], sy = nb_shift[3 * q + 1], sz = nb_shift[3 * q + 2];
    double nx = sx - x, ny = sy - y, nz = sz - z, px = sx - ox, py = sy - oy, pz = sz - oz;
    int base = 3 * c * capacity, stop = base + 3 * count[c];
    for (int s = base; s < stop; s += 3) {
      double cx = coords[s], cy = coords[s + 1], cz = coords[s + 2];
      double dx = cx + nx, dy = cy + ny, dz = cz + nz, r2 = dx * dx + dy * dy + dz * dz;
      double ex = cx + px, ey = cy + py, ez = cz + pz, q2 = ex * ex + ey * ey + ez * ez;
      if (r2 < rc2 && s != skip) {
        double inv = 1.0 / r2, s3 = inv * inv * inv;
        delta += s3 * (a12 * s3 - b6);
      }
      if (q2 < rc2 && s != skip) {
        double inv = 1.0 / q2, s3 = inv * inv * inv;
        delta -= s3 * (a12 * s3 - b6);
      }
    }
  }
  return delta;
}

static inline double wrap(double x) {
  if (x >= 0 && x < L) return x;
  if (x < 0) { x += L; return x >= L ? 0 : x; }
  return x - L;
}

static int sweep(double step, double beta) {
  int accepted = 0;
  for (int m = 0; m < N; m++) {
    int i = (int)next_int((uint32_t)N);
    int o = 3 * i;
    double x = wrap(pos[o] + step * (2 * next_unit() - 1));
    double y = wrap(pos[o + 1] + step * (2 * next_unit() - 1));
    double z = wrap(pos[o + 2] + step * (2 * next_unit() - 1));
    int cell = cell_index(x, y, z), self = cell_of[i] * capacity + slot_of[i];
    double de = cell == cell_of[i] ? same_cell_change(self, pos[o], pos[o + 1], pos[o + 2], x, y, z, cell)
                                   : particle_energy(self, x, y, z, cell) - particle_energy(self, pos[o], pos[o + 1], pos[o + 2], cell_of[i]);
    if (de > 0 && (double)next32() * (1.0 / 4294967296.0) >= exp(-beta * de)) continue;
    pos[o] = x; pos[o + 1] = y; pos[o + 2] = z;
    energy_total += de;
    if (cell != cell_of[i]) { removep(i); insert(i, cell); }
    else memcpy(&coords[3 * self], &pos[o], 3 * sizeof(double));
    accepted++;
  }
  return accepted;
}

int main(int argc, char **argv) {
  if (argc < 8) { fprintf(stderr, "usage: gas-lj N rho T rc sweeps burnin seed\n"); return 2; }
  N = atoi(argv[1]);
  double rho = atof(argv[2]), T = atof(argv[3]), rc = atof(argv[4]);
  int sweeps = atoi(argv[5]), burnin = atoi(argv[6]);
  seed_rng((uint64_t)atoll(argv[7]));
  L = cbrt(N / rho);
  rc2 = rc * rc;
  a12 = 4.0; b6 = 4.0;
  nc = (int)floor(L / rc);
  if (nc < 3) { fprintf(stderr, "need >= 3 cells per axis\n"); return 2; }
  ncell = nc * nc * nc;
  capacity = 2 * (N / ncell + 1) + 4;
  if (capacity < 8) capacity = 8;
  capacity *= 2;
  pos = malloc(sizeof(double) * 3 * N);
  count = calloc(ncell, sizeof(int));
  members = malloc(sizeof(int) * ncell * capacity);
  coords = malloc(sizeof(double) * 3 * ncell * capacity);
  cell_of = malloc(sizeof(int) * N);
  slot_of = malloc(sizeof(int) * N);
  nb_start = malloc(sizeof(int) * (ncell + 1));
  nb = malloc(sizeof(int) * ncell * 27);
  nb_shift = malloc(sizeof(double) * ncell * 27 * 3);
  /* Neighbour cells with image shifts, sorted by cell index like gibbs. */
  int k = 0;
  nb_start[0] = 0;
  for (int cz = 0; cz < nc; cz++)
    for (int cy = 0; cy < nc; cy++)
      for (int cx = 0; cx < nc; cx++) {
        int c = cx + nc * (cy + nc * cz), first = k;
        for (int dz = -1; dz <= 1; dz++)
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++) {
              int xyz[3] = {cx + dx, cy + dy, cz + dz};
              double sh[3] = {0, 0, 0};
              for (int a = 0; a < 3; a++) {
                if (xyz[a] < 0) { xyz[a] += nc; sh[a] = -L; }
                else if (xyz[a] >= nc) { xyz[a] -= nc; sh[a] = L; }
              }
              int idx = xyz[0] + nc * (xyz[1] + nc * xyz[2]);
              int p = k++;
              while (p > first && nb[p - 1] > idx) { nb[p] = nb[p - 1]; memcpy(&nb_shift[3 * p], &nb_shift[3 * (p - 1)], 3 * sizeof(double)); p--; }
              nb[p] = idx;
              memcpy(&nb_shift[3 * p], sh, 3 * sizeof(double));
            }
        nb_start[c + 1] = k;
      }
  /* fcc lattice start (vacancies spread evenly, as gibbs' latticePositions). */
  int n = 1;
  while (4 * n * n * n < N) n++;
  int total = 4 * n * n * n;
  double a = L / n, basis[4][3] = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
  for (int p = 0; p < N; p++) {
    int site = (int)(((long long)p * total) / N), b = site % 4;
    site /= 4;
    int ix = site % n, iy = (site / n) % n, iz = site / (n * n);
    pos[3 * p] = (ix + basis[b][0] + 0.25) * a;
    pos[3 * p + 1] = (iy + basis[b][1] + 0.25) * a;
    pos[3 * p + 2] = (iz + basis[b][2] + 0.25) * a;
  }
  for (int i = 0; i < N; i++) insert(i, cell_index(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]));
  energy_total = 0;
  for (int i = 0; i < N; i++) energy_total += 0.5 * particle_energy(cell_of[i] * capacity + slot_of[i], pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], cell_of[i]);
  double beta = 1 / T, step = 0.1;
  long acc = 0, att = 0;
  for (int s = 1; s <= burnin; s++) {
    acc += sweep(step, beta);
    att += N;
    if (att >= 2000 || s == burnin) {
      double f = ((double)acc / att) / 0.4;
      f = f < 0.5 ? 0.5 : f > 1.5 ? 1.5 : f;
      step *= f;
      if (step > L / 2) step = L / 2;
      acc = att = 0;
    }
  }
  /* CPU time of this process: on a shared machine it excludes time spent descheduled. */
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  long accepted = 0;
  double energy_sum = 0;
  for (int s = 0; s < sweeps; s++) {
    accepted += sweep(step, beta);
    energy_sum += energy_total;
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("{\"particles\": %d, \"microsecondsPerMove\": %.6f, \"acceptance\": %.6f, \"energyPerParticle\": %.6f, \"cells\": %d, \"stepSize\": %.6f}\n", N,
         1e6 * seconds / ((double)sweeps * N), (double)accepted / ((double)sweeps * N), energy_sum / ((double)sweeps * N), nc, step);
  return 0;
}

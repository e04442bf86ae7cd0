/* Plain C peer for the Metropolis benchmark: 2D square lattice L x L, periodic, J = -1 (ferro),
 * one signed byte per spin, typewriter order, acceptance table by neighbour sum, xoshiro128**
 * generator, acceptance u < floor(p 2^32) (the same rule as the TypeScript kernel).
 * Usage: mcmc-metropolis L beta sweeps seed [codes]. With "codes" it runs the variant gibbs uses:
 * one byte per site holding the spin and its neighbour sum, updated on accepted flips (for an
 * apples-to-apples reading of the TypeScript kernel; the peer is the plain one).
 * Prints JSON: CPU ns per spin-flip attempt, energy per spin, acceptance. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint32_t s[4];
static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return result;
}
static uint64_t splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

int main(int argc, char **argv) {
  const int L = argc > 1 ? atoi(argv[1]) : 1024;
  const double beta = argc > 2 ? atof(argv[2]) : 0.44068679350977147;
  const int sweeps = argc > 3 ? atoi(argv[3]) : 10;
  uint64_t seed = argc > 4 ? strtoull(argv[4], 0, 10) : 1;
  const int codes = argc > 5 && argv[5][0] == 'c';
  uint64_t a = splitmix(&seed), b = splitmix(&seed);
  s[0] = (uint32_t)a; s[1] = (uint32_t)(a >> 32); s[2] = (uint32_t)b; s[3] = (uint32_t)(b >> 32);
  const long n = (long)L * L;
  int8_t *spin = malloc(n);
  for (long i = 0; i < n; i++) spin[i] = 1;
  /* dE = 2 s q with q = sum of the 4 neighbours (J = -1); table by (s q + 4). */
  double thr[9];
  for (int sq = -4; sq <= 4; sq++) {
    double p = exp(-beta * 2.0 * sq);
    thr[sq + 4] = p >= 1 ? 4294967296.0 : floor(p * 4294967296.0);
  }
  /* codes: 16 * (s > 0) + q + 4; threshold by code. */
  uint8_t *code = malloc(n);
  double cthr[32];
  for (int c = 0; c < 32; c++) {
    int sv = c & 16 ? 1 : -1, q = (c & 15) - 4;
    double p = exp(-beta * 2.0 * sv * q);
    cthr[c] = p >= 1 ? 4294967296.0 : floor(p * 4294967296.0);
  }
  for (long i = 0; i < n; i++) code[i] = 16 + 8;
  struct timespec t0, t1;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
  long accepted = 0;
  for (int sw = 0; codes && sw < sweeps; sw++) {
    for (int y = 0; y < L; y++) {
      const int up = (y + 1 == L ? 0 : y + 1) * L, down = (y == 0 ? L - 1 : y - 1) * L, row = y * L;
      for (int x = 0; x < L; x++) {
        const int c = code[row + x];
        const double t = cthr[c];
        if (t >= 4294967296.0 || (double)next() < t) {
          const int d = c & 16 ? -2 : 2;
          code[row + x] = c ^ 16;
          code[row + (x + 1 == L ? 0 : x + 1)] += d;
          code[row + (x == 0 ? L - 1 : x - 1)] += d;
          code[up + x] += d;
          code[down + x] += d;
          accepted++;
        }
      }
    }
  }
  if (codes) for (long i = 0; i < n; i++) spin[i] = code[i] & 16 ? 1 : -1;
  for (int sw = 0; !codes && sw < sweeps; sw++) {
    for (int y = 0; y < L; y++) {
      const int up = (y + 1 == L ? 0 : y + 1) * L, down = (y == 0 ? L - 1 : y - 1) * L, row = y * L;
      for (int x = 0; x < L; x++) {
        const int right = x + 1 == L ? 0 : x + 1, left = x == 0 ? L - 1 : x - 1;
        const int sv = spin[row + x];
        const int q = spin[row + right] + spin[row + left] + spin[up + x] + spin[down + x];
        const double t = thr[sv * q + 4];
        if (t >= 4294967296.0 || (double)next() < t) { spin[row + x] = -sv; accepted++; }
      }
    }
  }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
  double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  long bonds = 0;
  for (int y = 0; y < L; y++) for (int x = 0; x < L; x++) {
    int i = y * L + x;
    bonds += spin[i] * (spin[y * L + (x + 1) % L] + spin[((y + 1) % L) * L + x]);
  }
  printf("{\"nsPerSpin\": %.6f, \"seconds\": %.6f, \"energyPerSpin\": %.6f, \"acceptance\": %.6f}\n", 1e9 * seconds / ((double)sweeps * n), seconds, -(double)bonds / n, (double)accepted / ((double)sweeps * n));
  free(spin);
  free(code);
  return 0;
}

/* Peer for bench/info.bench.ts: the same two binary coders as src/info/coding, in plain C
 * (gcc -O3), on the same bits. rANS: state in [2^31, 2^47), 16-bit words, P(1) = p1 / 2^16,
 * bit 1 owns [0, p1). Range coder: 32-bit range, exact split floor(range * p1 / 2^16), carry
 * via cache + pending 0xFF bytes. Usage: info-binary-coders BITS_FILE P1
 * Prints JSON: sizes and best-of-3 encode/decode seconds for each coder. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static const uint64_t L = 1ull << 31;

static size_t rans_encode(const uint8_t *bits, size_t n, uint32_t p1, uint16_t *words) {
  uint64_t x = L;
  size_t w = 0;
  uint32_t p0 = 65536 - p1;
  uint64_t max1 = (uint64_t)p1 << 31, max0 = (uint64_t)p0 << 31;
  for (size_t i = n; i-- > 0;) {
    if (bits[i]) {
      if (x >= max1) { words[w++] = (uint16_t)x; x >>= 16; }
      x = (x / p1) * 65536 + x % p1;
    } else {
      if (x >= max0) { words[w++] = (uint16_t)x; x >>= 16; }
      x = (x / p0) * 65536 + x % p0 + p1;
    }
  }
  words[w++] = (uint16_t)x;
  words[w++] = (uint16_t)(x >> 16);
  words[w++] = (uint16_t)(x >> 32);
  return w;
}

static int rans_decode(const uint16_t *words, size_t w, uint8_t *out, size_t n, uint32_t p1) {
  uint32_t p0 = 65536 - p1;
  size_t r = w;
  uint64_t x = ((uint64_t)words[--r] << 32) | ((uint64_t)words[r - 1] << 16) | words[r - 2];
  r -= 2;
  for (size_t i = 0; i < n; i++) {
    uint64_t slot = x & 0xffff, q = x >> 16;
    if (slot < p1) { out[i] = 1; x = p1 * q + slot; }
    else { out[i] = 0; x = p0 * q + slot - p1; }
    if (x < L) { if (r == 0) return -1; x = (x << 16) | words[--r]; }
  }
  return x == L ? 0 : -1;
}

typedef struct { uint8_t *out; size_t len; uint64_t low; uint32_t range; uint8_t cache; uint64_t pending; int first; } Enc;

static void shift_low(Enc *e) {
  if (e->low < 0xff000000ull || e->low >= 0x100000000ull) {
    uint8_t carry = (uint8_t)(e->low >> 32);
    if (e->first) e->first = 0; else e->out[e->len++] = e->cache + carry;
    for (; e->pending > 1; e->pending--) e->out[e->len++] = 0xff + carry;
    e->pending = 0;
    e->cache = (uint8_t)(e->low >> 24);
  }
  e->pending++;
  e->low = (e->low & 0xffffff) << 8;
}

static size_t range_encode(const uint8_t *bits, size_t n, uint32_t p1, uint8_t *out) {
  Enc e = {out, 0, 0, 0xffffffffu, 0, 1, 1};
  for (size_t i = 0; i < n; i++) {
    uint32_t bound = (uint32_t)(((uint64_t)e.range * p1) >> 16);
    if (bits[i]) e.range = bound; else { e.low += bound; e.range -= bound; }
    while (e.range < (1u << 24)) { e.range <<= 8; shift_low(&e); }
  }
  for (int i = 0; i < 5; i++) shift_low(&e);
  return e.len;
}

static void range_decode(const uint8_t *in, size_t len, uint8_t *out, size_t n, uint32_t p1) {
  size_t pos = 0;
  uint32_t code = 0, range = 0xffffffffu;
  for (int i = 0; i < 4; i++) code = (code << 8) | (pos < len ? in[pos++] : 0);
  for (size_t i = 0; i < n; i++) {
    uint32_t bound = (uint32_t)(((uint64_t)range * p1) >> 16);
    if (code < bound) { range = bound; out[i] = 1; } else { code -= bound; range -= bound; out[i] = 0; }
    while (range < (1u << 24)) { range <<= 8; code = (code << 8) | (pos < len ? in[pos++] : 0); }
  }
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s BITS_FILE P1\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 2; }
  fseek(f, 0, SEEK_END);
  size_t n = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *bits = malloc(n), *back = malloc(n), *bytes = malloc(n / 2 + 64);
  uint16_t *words = malloc(sizeof(uint16_t) * (n / 2 + 64));
  if (fread(bits, 1, n, f) != n) return 2;
  fclose(f);
  uint32_t p1 = (uint32_t)atoi(argv[2]);
  double re = 1e9, rd = 1e9, ae = 1e9, ad = 1e9, t;
  size_t w = 0, len = 0;
  int ok = 1;
  for (int rep = 0; rep < 3; rep++) {
    t = now(); w = rans_encode(bits, n, p1, words); t = now() - t; if (t < re) re = t;
    t = now(); ok &= rans_decode(words, w, back, n, p1) == 0; t = now() - t; if (t < rd) rd = t;
    ok &= memcmp(bits, back, n) == 0;
    t = now(); len = range_encode(bits, n, p1, bytes); t = now() - t; if (t < ae) ae = t;
    t = now(); range_decode(bytes, len, back, n, p1); t = now() - t; if (t < ad) ad = t;
    ok &= memcmp(bits, back, n) == 0;
  }
  printf("{\"n\": %zu, \"ransBytes\": %zu, \"ransEncode\": %.6f, \"ransDecode\": %.6f, \"rangeBytes\": %zu, \"rangeEncode\": %.6f, \"rangeDecode\": %.6f, \"ok\": %s}\n",
         n, 2 * w, re, rd, len, ae, ad, ok ? "true" : "false");
  return 0;
}

"""PyTorch peer for bench/variational.bench.ts: the same dense MADE as gibbs's MadeNetwork
(degrees 1 + floor(k (N-1) / width), tanh hidden layers, direct input->output connections,
sigmoid outputs over spins +-1), timed on CPU with a fixed thread count.

Measures, in samples per second:
  fwdbwd: log q of a batch + backward of sum_b w_b log q(s_b)   (forward + backward)
  train:  a VAN training step as usually written in PyTorch (Wu, Wang & Zhang's reference code
          samples by N forward passes under no_grad), then forward + backward + Adam.
Usage: python3 variational-made.py N DEPTH WIDTH BATCH REPEATS THREADS
"""
import json
import sys
import time

import torch

N, DEPTH, WIDTH, BATCH, REPEATS, THREADS = (int(a) for a in sys.argv[1:7])
torch.set_num_threads(THREADS)
torch.manual_seed(0)
dtype = torch.float64

deg_in = torch.arange(N)  # input i has degree i (0-based): unit of degree d sees inputs < d
deg_h = 1 + (torch.arange(WIDTH) * (N - 1)) // WIDTH


class Masked(torch.nn.Linear):
    def __init__(self, fan_in, fan_out, mask):
        super().__init__(fan_in, fan_out, dtype=dtype)
        self.register_buffer("mask", mask.to(dtype))

    def forward(self, x):
        return torch.nn.functional.linear(x, self.weight * self.mask, self.bias)


layers = []
prev = deg_in
for l in range(DEPTH):
    mask = (deg_h[:, None] > prev[None, :]) if l == 0 else (deg_h[:, None] >= prev[None, :])
    layers += [Masked(N if l == 0 else WIDTH, WIDTH, mask), torch.nn.Tanh()]
    prev = deg_h
hidden = torch.nn.Sequential(*layers)
out_mask = (torch.arange(N)[:, None] >= deg_h[None, :]) if DEPTH > 0 else None
out = Masked(WIDTH, N, out_mask) if DEPTH > 0 else None
direct = Masked(N, N, torch.arange(N)[:, None] > torch.arange(N)[None, :])
params = list(hidden.parameters()) + (list(out.parameters()) if out else []) + list(direct.parameters())
adam = torch.optim.Adam(params, lr=1e-3)


def logits(x):
    a = direct(x)
    if DEPTH > 0:
        a = a + out(hidden(x))
    return a


def log_prob(x):
    return -torch.nn.functional.softplus(-x * logits(x)).sum(dim=1)


def sample(batch):
    x = torch.zeros(batch, N, dtype=dtype)
    with torch.no_grad():
        for i in range(N):
            p = torch.sigmoid(logits(x)[:, i])
            x[:, i] = torch.where(torch.rand(batch, dtype=dtype) < p, 1.0, -1.0)
    return x


def best(fn):
    fn()
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


x = torch.where(torch.rand(BATCH, N) < 0.5, 1.0, -1.0).to(dtype)
w = torch.randn(BATCH, dtype=dtype)


def fwdbwd():
    for p in params:
        p.grad = None
    (w * log_prob(x)).sum().backward()


def train():
    s = sample(BATCH)
    adam.zero_grad()
    lq = log_prob(s)
    f = lq.detach()  # stands in for beta E + log q; the cost of E is not the network's
    ((f - f.mean()) * lq).mean().backward()
    adam.step()


print(json.dumps({"fwdbwd": BATCH / best(fwdbwd), "train": BATCH / best(train), "threads": torch.get_num_threads(), "torch": torch.__version__}))

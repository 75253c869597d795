"""The PyTorch peer of cmd/babygpt: nanoGPT's baby character-level GPT
(4 layers, 4 heads, 128-d, block 64, batch 12, AdamW lr 1e-3) with PyTorch
1.13 (Debian python3-torch), printing the same lines as the Go command.

    /usr/bin/python3 peer_torch.py -data tinyshakespeare.txt -steps 220 -threads 1
"""
import argparse, math, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument('-data', required=True)
ap.add_argument('-steps', type=int, default=100)
ap.add_argument('-threads', type=int, default=1)
ap.add_argument('-eval-every', dest='eval_every', type=int, default=250)
ap.add_argument('-eval-iters', dest='eval_iters', type=int, default=20)
ap.add_argument('-seed', type=int, default=1337)
ap.add_argument('-final-eval-iters', dest='final_eval', type=int, default=0)
args = ap.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
text = open(args.data).read()
chars = sorted(set(text))
index = {c: i for i, c in enumerate(chars)}
data = torch.tensor([index[c] for c in text], dtype=torch.long)
n = len(data) * 9 // 10
train, val = data[:n], data[n:]
V, B, T, C, H, L = len(chars), 12, 64, 128, 4, 4


def batch(split):
    ix = torch.randint(len(split) - T - 1, (B,))
    return torch.stack([split[i:i + T] for i in ix]), torch.stack([split[i + 1:i + T + 1] for i in ix])


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(C), nn.LayerNorm(C)
        self.qkv, self.proj = nn.Linear(C, 3 * C), nn.Linear(C, C)
        self.fc, self.fc2 = nn.Linear(C, 4 * C), nn.Linear(4 * C, C)
        self.register_buffer('mask', torch.tril(torch.ones(T, T)) == 0)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(C, 2)
        q, k, v = (z.view(b, t, H, c // H).transpose(1, 2) for z in (q, k, v))  # (B, H, T, D)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(c // H)
        att = F.softmax(att.masked_fill(self.mask[:t, :t], float('-inf')), -1)
        y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
        x = x + self.proj(y)
        return x + self.fc2(F.gelu(self.fc(self.ln2(x))))


class GPT(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, C), nn.Embedding(T, C)
        self.blocks = nn.Sequential(*[Block() for _ in range(L)])
        self.ln, self.head = nn.LayerNorm(C), nn.Linear(C, V, bias=False)

    def forward(self, idx, tgt):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        logits = self.head(self.ln(self.blocks(x)))
        return F.cross_entropy(logits.view(-1, V), tgt.view(-1))


model = GPT()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
print('params', sum(p.numel() for p in model.parameters()), 'threads', torch.get_num_threads(), 'torch', torch.__version__)


def evaluate(iters=args.eval_iters):
    with torch.no_grad():
        return sum(model(*batch(val)).item() for _ in range(iters)) / iters


walls, cpus = [], []
t0 = time.time()
for it in range(args.steps):
    w, c = time.perf_counter(), time.process_time()
    x, y = batch(train)
    loss = model(x, y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    walls.append((time.perf_counter() - w) * 1000)
    cpus.append((time.process_time() - c) * 1000)
    if it % args.eval_every == 0 or it == args.steps - 1:
        print(f'iter {it} train {loss.item():.3f} val {evaluate():.3f} elapsed {time.time() - t0:.1f}s', flush=True)
print(f'step ms: wall median {statistics.median(walls):.2f} cpu median {statistics.median(cpus):.2f}')
if args.final_eval > 0:
    print(f'final val {evaluate(args.final_eval):.4f} over {args.final_eval} batches')

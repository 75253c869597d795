"""Reference values for nn's tests, computed with PyTorch 1.13 (Debian python3-torch).
Run: /usr/bin/python3 nlp/nn/testdata/pytorch_reference.py
Every tensor is filled with fill(n, seed)[i] = 0.3*sin(1.7*i + seed), in the row-major
order of Lingo's layout (weights (in, out), i.e. PyTorch's weight transposed)."""
import math, torch, torch.nn.functional as F
torch.set_default_dtype(torch.float64)
def fill(shape, seed):
    n = math.prod(shape)
    return torch.tensor([0.3*math.sin(1.7*i + seed) for i in range(n)]).reshape(shape)
def show(name, t): print(name, [round(v, 7) for v in t.flatten().tolist()])
In, H, B = 3, 2, 2
x, h, c = fill((B, In), 1), fill((B, H), 2), fill((B, H), 3)
# RNN: h' = tanh(x Wx + h Wh + b)
rnn = torch.nn.RNNCell(In, H)
with torch.no_grad():
    rnn.weight_ih.copy_(fill((In, H), 10).T); rnn.weight_hh.copy_(fill((H, H), 11).T)
    rnn.bias_ih.copy_(fill((H,), 12)); rnn.bias_hh.zero_()
show("rnn", rnn(x, h))
gru = torch.nn.GRUCell(In, H)
with torch.no_grad():
    gru.weight_ih.copy_(fill((In, 3*H), 20).T); gru.weight_hh.copy_(fill((H, 3*H), 21).T)
    gru.bias_ih.copy_(fill((3*H,), 22)); gru.bias_hh.copy_(fill((3*H,), 23))
show("gru", gru(x, h))
lstm = torch.nn.LSTMCell(In, H)
with torch.no_grad():
    lstm.weight_ih.copy_(fill((In, 4*H), 30).T); lstm.weight_hh.copy_(fill((H, 4*H), 31).T)
    lstm.bias_ih.copy_(fill((4*H,), 32)); lstm.bias_hh.zero_()
h2, c2 = lstm(x, (h, c)); show("lstm.h", h2); show("lstm.c", c2)
# Transformer block as in ../shared/peers/babygpt_torch.py, GELU in its tanh form.
C, NH, T = 4, 2, 3
xb = fill((1, T, C), 40)
Wqkv, bqkv, Wp, bp = fill((C, 3*C), 41), fill((3*C,), 42), fill((C, C), 43), fill((C,), 44)
Wfc, bfc, Wfc2, bfc2 = fill((C, 4*C), 45), fill((4*C,), 46), fill((4*C, C), 47), fill((C,), 48)
g1, b1, g2, b2 = 1 + fill((C,), 49), fill((C,), 50), 1 + fill((C,), 51), fill((C,), 52)
def block(x):
    b, t, c = x.shape
    q, k, v = (F.layer_norm(x, (C,), g1, b1) @ Wqkv + bqkv).split(C, 2)
    q = q.view(b, t, NH, c//NH).transpose(1, 2); k = k.view(b, t, NH, c//NH).transpose(1, 2); v = v.view(b, t, NH, c//NH).transpose(1, 2)
    att = (q @ k.transpose(-2, -1)) / math.sqrt(c//NH)
    att = att.masked_fill(torch.tril(torch.ones(t, t)) == 0, float('-inf')).softmax(-1)
    y = (att @ v).transpose(1, 2).contiguous().view(b, t, c)
    x = x + (y @ Wp + bp)
    return x + F.gelu(F.layer_norm(x, (C,), g2, b2) @ Wfc + bfc, approximate='tanh') @ Wfc2 + bfc2
show("block", block(xb))
# AdamW, three steps with fixed gradients, lr 0.1, weight decay 0.01.
p = torch.nn.Parameter(fill((4,), 60)); opt = torch.optim.AdamW([p], lr=0.1)
for s in range(3):
    p.grad = fill((4,), 61 + s); opt.step()
show("adamw", p.detach())
p = torch.nn.Parameter(fill((4,), 60)); opt = torch.optim.Adam([p], lr=0.1, weight_decay=0.1)
for s in range(3):
    p.grad = fill((4,), 61 + s); opt.step()
show("adam", p.detach())
p = torch.nn.Parameter(fill((4,), 60)); opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
for s in range(3):
    p.grad = fill((4,), 61 + s); opt.step()
show("sgd", p.detach())

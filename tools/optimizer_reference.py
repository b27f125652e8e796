#!/usr/bin/env python3
"""PyTorch's CPU optimizer steps replayed in numpy float32, one ATen operation at a time: an independent reference for
Sprout's optimizers (Tests/SproutNNTests/OptimizerReferenceTests.swift and AdamL1RunTests.swift). numpy only; torch
is needed for `check` alone.

What is replayed is torch/optim's `_single_tensor_sgd`, `_single_tensor_adam` (Adam and AdamW) and
`_single_tensor_rmsprop` (torch 2.13), the path torch takes by default on CPU (foreach and fused default to CUDA
tensors only). Each tensor operation there is one float32 operation here, in torch's order; each scalar argument is
a Python float (a double) computed as torch/optim computes it (`1 - beta2`, `lr / (1 - beta1 ** step)`,
`(1 - beta2 ** step) ** 0.5`, `1 - lr * weight_decay`, ...) and rounded to float32 once, where ATen's CPU kernel
converts its Scalar to the float32 it computes in. The ATen kernels:

    add(other, alpha=a)         self + a·other                 (a multiply-add)
    mul_(s)                     self·s
    lerp_(end, w)               |w| < 0.5: self + w·(end − self), else end + (w − 1)·(end − self)   (multiply-adds)
    addcmul_(t1, t2, value=s)   self + (s·t1)·t2                (the last product and the sum: a multiply-add)
    addcdiv_(t1, t2, value=s)   self + (s·t1)/t2
    sqrt, / scalar, + scalar    one rounding each

Two things are not Sprout's, so each has a switch (`Arithmetic`):
- torch's x86-64 kernels (GCC, AVX2 loops with fmadd) fuse each multiply-add into one rounding; Sprout rounds the
  product and the sum separately (Swift never fuses, and a true fma is a libm call on baseline x86-64). `sprout`
  rounds twice; `torch` fuses (an exact fma: the exact value, rounded once to float32).
- torch.sqrt on float32 is MKL's vsSqrt (HA mode) in the x86-64 wheels, 1 ulp from the correctly rounded square
  root in about one element of six; Sprout's is the correctly rounded one (IEEE), as numpy's. `torch` calls
  torch.sqrt.

Commands (python3 tools/optimizer_reference.py ...):
    steps   the expected parameters of OptimizerReferenceTests (Swift literals, Sprout's arithmetic)
    l1      the L1 run of AdamL1RunTests: its per-step losses and final parameters (Sprout's arithmetic)
    check   needs torch: runs torch.optim on the same cases and compares, step by step: the `torch` replay must be
            bit-identical to torch.optim (the replay is exact), and prints how far Sprout's arithmetic is from it
            (ulps of each parameter, relative loss difference); `check --swift` prints torch's values as Swift
            literals (the expectations against torch itself)
"""
import sys
from fractions import Fraction

import numpy as np

F = np.float32


def f32(x):
    """A Python float rounded to float32 once (ATen's Scalar to float)."""
    return F(x)


def round_f32(x: Fraction) -> np.float32:
    """The exact rational `x` rounded to the nearest float32, ties to even (a finite x)."""
    guess = F(float(x))
    candidates = [guess, np.nextafter(guess, F(-np.inf)), np.nextafter(guess, F(np.inf))]
    return min(candidates, key=lambda y: (abs(Fraction(float(y)) - x), int(np.array(y).view(np.int32)) & 1))


class Arithmetic:
    """How a multiply-add and a square root round: Sprout's (two roundings, IEEE sqrt) or torch's (one, MKL)."""

    def __init__(self, fused: bool, torch_sqrt: bool):
        self.fused, self.torch_sqrt = fused, torch_sqrt

    def madd(self, a, b, c):
        """a·b + c, float32 (a may be a scalar)."""
        a, b, c = (np.broadcast_to(np.asarray(x, F), np.shape(c)) for x in (a, b, c))
        if not self.fused:
            return (a * b + c).astype(F)
        exact = [round_f32(Fraction(float(x)) * Fraction(float(y)) + Fraction(float(z))) for x, y, z in zip(a, b, c)]
        return np.array(exact, F)

    def lerp(self, start, end, weight: float):
        """lerp_(end, weight) with a Python-float weight (ATen's lerp, float32 weight)."""
        w = f32(weight)
        if abs(w) < F(0.5):
            return self.madd(w, end - start, start)
        return self.madd(w - F(1), end - start, end)

    def sqrt(self, x):
        if self.torch_sqrt:
            import torch
            return torch.from_numpy(np.array(x, F)).sqrt().numpy()
        return np.sqrt(x).astype(F)


SPROUT = Arithmetic(fused=False, torch_sqrt=False)


class SGD:
    def __init__(self, lr, momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0):
        self.lr, self.momentum, self.dampening, self.nesterov, self.wd = lr, momentum, dampening, nesterov, weight_decay
        self.buf = None

    def step(self, p, g, ar):
        if self.wd != 0:
            g = ar.madd(f32(self.wd), p, g)                                 # grad.add(param, alpha=wd)
        if self.momentum != 0:
            if self.buf is None:
                self.buf = g.copy()                                         # grad.clone()
            else:
                self.buf = ar.madd(f32(1 - self.dampening), g, self.buf * f32(self.momentum))
            g = ar.madd(f32(self.momentum), self.buf, g) if self.nesterov else self.buf
        return ar.madd(f32(-self.lr), g, p)                                 # param.add_(grad, alpha=-lr)


class Adam:
    def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False, decoupled=False):
        self.lr, (self.beta1, self.beta2), self.eps, self.wd = lr, betas, eps, weight_decay
        self.amsgrad, self.decoupled = amsgrad, decoupled
        self.t, self.m, self.v, self.vmax = 0, None, None, None

    def step(self, p, g, ar):
        if self.m is None:
            self.m, self.v, self.vmax = (np.zeros_like(p) for _ in range(3))
        self.t += 1
        if self.wd != 0:
            if self.decoupled:
                p = p * f32(1 - self.lr * self.wd)                          # param.mul_(1 - lr * weight_decay)
            else:
                g = ar.madd(f32(self.wd), p, g)                             # grad.add(param, alpha=weight_decay)
        self.m = ar.lerp(self.m, g, 1 - self.beta1)                         # exp_avg.lerp_(grad, 1 - beta1)
        self.v = ar.madd(f32(1 - self.beta2) * g, g, self.v * f32(self.beta2))  # mul_(beta2).addcmul_(g, g, 1 - beta2)
        step = float(self.t)                                                # step_t.item()
        step_size = self.lr / (1 - self.beta1 ** step)
        bias_correction2_sqrt = (1 - self.beta2 ** step) ** 0.5
        v = self.v
        if self.amsgrad:
            self.vmax = np.maximum(self.vmax, self.v)
            v = self.vmax
        denom = ar.sqrt(v) / f32(bias_correction2_sqrt) + f32(self.eps)
        return p + (f32(-step_size) * self.m) / denom                       # addcdiv_(m, denom, value=-step_size)


class RMSprop:
    def __init__(self, lr, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
        self.lr, self.alpha, self.eps, self.wd, self.momentum, self.centered = lr, alpha, eps, weight_decay, momentum, centered
        self.v = self.gavg = self.buf = None

    def step(self, p, g, ar):
        if self.v is None:
            self.v, self.gavg, self.buf = (np.zeros_like(p) for _ in range(3))
        if self.wd != 0:
            g = ar.madd(f32(self.wd), p, g)
        self.v = ar.madd(f32(1 - self.alpha) * g, g, self.v * f32(self.alpha))
        if self.centered:
            self.gavg = ar.lerp(self.gavg, g, 1 - self.alpha)                # grad_avg.lerp_(grad, 1 - alpha)
            avg = ar.sqrt(ar.madd(F(-1) * self.gavg, self.gavg, self.v))    # addcmul(ga, ga, value=-1).sqrt_()
        else:
            avg = ar.sqrt(self.v)
        avg = avg + f32(self.eps)
        if self.momentum > 0:
            self.buf = self.buf * f32(self.momentum) + (F(1) * g) / avg     # mul_(momentum).addcdiv_(grad, avg)
            return ar.madd(f32(-self.lr), self.buf, p)                      # param.add_(buf, alpha=-lr)
        return p + (f32(-self.lr) * g) / avg                                # addcdiv_(grad, avg, value=-lr)


# OptimizerReferenceTests: three steps on p (4 values) of ½‖p − c‖², the gradient p − c (float32).
START = np.array([1.0, -2.0, 0.3, 0.05], F)
CENTER = np.array([0.5, -0.25, 2.0, -1.0], F)
STEPS = 3
CASES = {
    # Adam's defaults but lr 0.1: 1 − 0.9 and 1 − 0.999 are not float32 differences of float32 betas.
    "adam": (lambda: Adam(0.1), lambda: ("Adam", dict(lr=0.1))),
    "adamL2": (lambda: Adam(0.1, weight_decay=0.1), lambda: ("Adam", dict(lr=0.1, weight_decay=0.1))),
    # 1 − 0.1·0.9 = 0.91 in float32, where 1 − float32(0.09) = 0.90999997.
    "adamW": (lambda: Adam(0.1, weight_decay=0.9, decoupled=True),
              lambda: ("AdamW", dict(lr=0.1, weight_decay=0.9))),
    # beta2 0.6: the first element's v falls at the third step, where the running maximum then divides.
    "amsgrad": (lambda: Adam(0.1, betas=(0.9, 0.6), amsgrad=True),
                lambda: ("Adam", dict(lr=0.1, betas=(0.9, 0.6), amsgrad=True))),
    # beta1 0.3: lerp's weight 0.7 takes its other branch, end + (w − 1)·(end − start).
    "adamLowBeta1": (lambda: Adam(0.1, betas=(0.3, 0.999)), lambda: ("Adam", dict(lr=0.1, betas=(0.3, 0.999)))),
    "rmsprop": (lambda: RMSprop(0.01), lambda: ("RMSprop", dict(lr=0.01))),
    "rmspropCenteredMomentum": (lambda: RMSprop(0.01, momentum=0.9, centered=True),
                                lambda: ("RMSprop", dict(lr=0.01, momentum=0.9, centered=True))),
    # alpha 0.5: the centered average's lerp weight is 0.5, the other branch.
    "rmspropHalfAlphaDecay": (lambda: RMSprop(0.01, alpha=0.5, centered=True, weight_decay=0.1),
                              lambda: ("RMSprop", dict(lr=0.01, alpha=0.5, centered=True, weight_decay=0.1))),
    # dampening 0.6: 1 − 0.6 = 0.4 in float32, where 1 − float32(0.6) = 0.39999998.
    "sgdDampening": (lambda: SGD(0.1, momentum=0.9, dampening=0.6, weight_decay=0.01),
                     lambda: ("SGD", dict(lr=0.1, momentum=0.9, dampening=0.6, weight_decay=0.01))),
    "sgdNesterov": (lambda: SGD(0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
                    lambda: ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01))),
}


def replay_case(optimizer, ar):
    p, trace = START.copy(), []
    for _ in range(STEPS):
        p = optimizer.step(p, (p - CENTER).astype(F), ar)
        trace.append(p.copy())
    return trace


# AdamL1RunTests: full-batch Adam (lr 0.01, PyTorch's other defaults) on the L1 loss mean |p − target|, 200 steps.
L1_START = np.array([0.9, -1.3, 0.25, 2.1, -0.7, 1.6, -2.2, 0.05], F)
L1_TARGET = np.array([-0.4, 0.8, 1.9, 0.3, -1.5, 0.6, 0.1, -0.9], F)
L1_STEPS, L1_LR = 200, 0.01


def l1_loss_and_gradient(p):
    """Sprout's RegressionLoss.mae: d = p − target in float32, loss the Double sum of |d| in order over n, the
    gradient sign(d)/n (n = 8, so 1/n is exact; torch's l1_loss backward gives the same)."""
    d = (p - L1_TARGET).astype(F)
    total = 0.0
    for x in d:
        total += abs(float(x))
    return total / len(d), (np.sign(d) * F(1 / len(d))).astype(F)


def replay_l1(ar):
    adam, p, losses = Adam(L1_LR), L1_START.copy(), []
    for _ in range(L1_STEPS):
        loss, g = l1_loss_and_gradient(p)
        losses.append(loss)
        p = adam.step(p, g, ar)
    return losses, p


def swift_floats(values):
    return "[" + ", ".join(str(F(v)) for v in values) + "]"


def print_steps():
    for name, (make, _) in CASES.items():
        trace = replay_case(make(), SPROUT)
        print(f'"{name}": [' + ", ".join(swift_floats(p) for p in trace) + "],")


def print_l1():
    losses, p = replay_l1(SPROUT)
    print("losses:", "[" + ", ".join(repr(x) for x in losses) + "]")
    print("final:", swift_floats(p))


def ulps(a, b):
    a, b = np.asarray(a, F).view(np.int32).astype(np.int64), np.asarray(b, F).view(np.int32).astype(np.int64)
    a = np.where(a < 0, -(a & 0x7FFFFFFF), a)
    b = np.where(b < 0, -(b & 0x7FFFFFFF), b)
    return int(np.max(np.abs(a - b)))


def check(swift: bool):
    import torch
    capability = torch.backends.cpu.get_cpu_capability()
    torch_arith = Arithmetic(fused=capability != "DEFAULT", torch_sqrt=True)
    print(f"torch {torch.__version__}, CPU capability {capability}")
    for name, (make, torch_args) in CASES.items():
        cls_name, kwargs = torch_args()
        p = torch.tensor(START.copy(), requires_grad=True)
        opt = getattr(torch.optim, cls_name)([p], **kwargs)
        real = []
        for _ in range(STEPS):
            p.grad = (p.detach() - torch.from_numpy(CENTER))
            opt.step()
            real.append(p.detach().numpy().copy())
        replay, sprout = replay_case(make(), torch_arith), replay_case(make(), SPROUT)
        exact = all(np.array_equal(a, b) for a, b in zip(replay, real))
        steps = " ".join(str(ulps(a, b)) for a, b in zip(sprout, real))
        print(f"{name}: torch replay {'bit-identical' if exact else 'DIFFERS'}; Sprout's arithmetic, ulps per step: {steps}")
        if swift:
            print(f'    "{name}": {swift_floats(real[-1])},')
    p = torch.tensor(L1_START.copy(), requires_grad=True)
    opt = torch.optim.Adam([p], lr=L1_LR)
    real_losses = []
    for _ in range(L1_STEPS):
        opt.zero_grad()
        loss = torch.nn.functional.l1_loss(p, torch.from_numpy(L1_TARGET))
        loss.backward()
        real_losses.append(l1_loss_and_gradient(p.detach().numpy())[0])
        assert np.array_equal(p.grad.numpy(), l1_loss_and_gradient(p.detach().numpy())[1]), "gradient differs"
        opt.step()
    real_final = p.detach().numpy()
    replay_losses, replay_final = replay_l1(torch_arith)
    sprout_losses, sprout_final = replay_l1(SPROUT)
    exact = replay_losses == real_losses and np.array_equal(replay_final, real_final)
    rel = [abs(a - b) / abs(b) for a, b in zip(sprout_losses, real_losses)]
    worst = max(range(L1_STEPS), key=lambda i: rel[i])
    print(f"l1 run: torch replay {'bit-identical' if exact else 'DIFFERS'}; Sprout's arithmetic: loss within "
          f"{rel[worst]:.2e} relative (step {worst + 1}), final parameters within {ulps(sprout_final, real_final)} ulps")
    if swift:
        print("    losses:", "[" + ", ".join(repr(x) for x in real_losses) + "]")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "steps":
        print_steps()
    elif command == "l1":
        print_l1()
    elif command == "check":
        check(swift="--swift" in sys.argv[2:])
    else:
        sys.exit(__doc__)

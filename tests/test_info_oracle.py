"""Oracle check: `synib.pid.pid` agrees with an independent implementation, the `dit` package.

dit is a dev/test dependency only (synib never imports it). Findings with dit 2.3:

* Williams-Beer I_min: `dit.pid.PID_WB` is closed form like ours; agreement is to rounding (1e-12 bits).
* BROJA, reference: `PID_BROJA(..., method="cone")`, dit's exponential-cone formulation solved by ECOS (needs the
  `ecos` package, a dev dependency). Agreement 1e-8 bits here; off-line, 1e-8 to 3e-6 bits on several hundred
  random, sparse and structured distributions up to 6x6x2 and 16x16x16.
* BROJA, dit's other solvers are NOT reliable, so they are not used as oracles, only checked to lose:
  - the default (`method="auto"`, i.e. its SLSQP solver for fewer than 64 joint cells) agreed within 1e-4 bits on
    only about a third of random distributions; errors reached 0.05 bits, including negative redundancy;
  - `method="admui"` (alternating divergence minimisation) is accurate on Dirichlet(1) tables but missed by up to
    0.1 bits (again with negative redundancy) on tables with near-zero cells (Dirichlet(0.5)).
  BROJA is a minimisation over a polytope, so each disagreement is settled without trusting either side; see
  `test_dit_other_broja_solvers_agree_or_lose`. No tolerance was loosened: all comparisons use 1e-4 bits.
"""
import contextlib
import itertools

import numpy as np
import pytest

dit = pytest.importorskip("dit")
from dit.pid import PID_BROJA, PID_WB

from synib.info import and_dist, copy_dist, mutual_info, rdn_dist, unique_dist, xor_dist
from synib.pid import broja_optimum, pid

try:  # dit's solvers call tiny LAPACK routines; spinning BLAS threads make them many times slower on a busy machine
    from threadpoolctl import threadpool_limits
except ImportError:
    threadpool_limits = None

SHAPES = [(2, 2, 2), (2, 3, 2), (3, 3, 3), (3, 2, 4)]
N_PER_SHAPE = 13                      # 52 random distributions per measure
TOL = 1e-4                            # bits


def one_thread():
    return threadpool_limits(1) if threadpool_limits else contextlib.nullcontext()


def random_dists(seed: int) -> list:
    "Random joint distributions p[x1, x2, y]: Dirichlet(1) tables, and Dirichlet(0.5) ones with near-zero cells."
    rng = np.random.default_rng(seed)
    out = []
    for shape in SHAPES:
        for i in range(N_PER_SHAPE):
            alpha = 1.0 if i % 2 == 0 else 0.5
            out.append(rng.dirichlet(np.full(int(np.prod(shape)), alpha)).reshape(shape))
    return out


def to_dit(p: np.ndarray):
    outcomes = list(itertools.product(*map(range, p.shape)))
    return dit.Distribution(outcomes, [float(p[o]) for o in outcomes])


def dit_atoms(res) -> np.ndarray:
    "(redundancy, unique1, unique2, synergy) from a dit bivariate PID."
    return np.array([res.get_pi(((0,), (1,))), res.get_pi(((0,),)), res.get_pi(((1,),)), res.get_pi(((0, 1),))])


def ours(p: np.ndarray, measure: str) -> np.ndarray:
    r = pid(p, measure)
    return np.array([r.redundancy, r.unique1, r.unique2, r.synergy])


CANONICAL = [xor_dist(), and_dist(), rdn_dist(), unique_dist(1), unique_dist(2), copy_dist()]


def test_imin_matches_dit_wb():
    dists = random_dists(0) + CANONICAL
    with one_thread():
        errs = [np.abs(ours(p, "imin") - dit_atoms(PID_WB(to_dit(p), [[0], [1]], [2]))).max() for p in dists]
    assert len(dists) >= 50
    assert max(errs) < TOL, f"max |synib - dit| = {max(errs):.3g} bits"


def test_broja_matches_dit_cone():
    "dit's exponential-cone BROJA solver (ECOS) is the reference: 1e-4 bits on 52 random + 6 canonical distributions."
    pytest.importorskip("ecos", reason="dit's cone solver needs the ecos package (a dev dependency)")
    dists = random_dists(1) + CANONICAL
    with one_thread():
        errs = [np.abs(ours(p, "broja") - dit_atoms(PID_BROJA(to_dit(p), [[0], [1]], [2], method="cone"))).max()
                for p in dists]
    assert len(dists) >= 50
    assert max(errs) < TOL, f"max |synib - dit cone| = {max(errs):.3g} bits"


@pytest.mark.parametrize("method", ["admui", "auto"])
def test_dit_other_broja_solvers_agree_or_lose(method):
    """dit's admUI and default ('auto' = SLSQP here) solvers: where they disagree with synib by more than 1e-4 bits,
    their answer is provably not the minimum, without trusting either implementation.

    Each unique atom dit reports implies a minimum: I* = I(X2;Y) + U1 = I(X1;Y) + U2. synib's `broja_optimum` returns
    a feasible q (checked) attaining its I*, so the true minimum is <= synib's. A dit value above synib's is therefore
    suboptimal; one below it must also be below the hard floor max(I(X1;Y), I(X2;Y)) (every q in Q has
    I_q(X1,X2;Y) >= I_q(Xi;Y) = I(Xi;Y)), i.e. impossible. dit evaluates its atoms on its optimiser's output after
    zeroing entries below 1e-6 and renormalising, which can leave Q; when its atoms violate the consistency
    equations R + U_i = I(Xi;Y) by more than 1e-4 they are not the PID of any feasible q and certify nothing.
    A consistent dit answer below synib's minimum and above the floor fails the test.
    """
    dists = random_dists(2)[::2]                                 # 26, every shape, both Dirichlet parameters
    agree = inconsistent = 0
    for p in dists:
        with one_thread():
            d = dit_atoms(PID_BROJA(to_dit(p), [[0], [1]], [2], method=method))
        o = ours(p, "broja")
        i1, i2 = mutual_info(p, 0, 2), mutual_info(p, 1, 2)
        istar = i1 + i2 - o[0]                                   # synib: I* = I1 + I2 - R
        q = broja_optimum(p)
        np.testing.assert_allclose(q.sum(1), p.sum(1), atol=1e-6)       # q has p's (X1, Y) marginal
        np.testing.assert_allclose(q.sum(0), p.sum(0), atol=1e-6)       # and p's (X2, Y) marginal
        assert abs(mutual_info(q, (0, 1), 2) - istar) < 1e-6              # and attains synib's I*
        if np.abs(o - d).max() <= TOL:
            agree += 1
            continue
        if abs(d[0] + d[1] - i1) > TOL or abs(d[0] + d[2] - i2) > TOL:
            inconsistent += 1                                    # R + U_i != I(Xi;Y): no single q gives these atoms
            continue
        floor = max(i1, i2)
        for claim in (i2 + d[1], i1 + d[2]):                     # dit's implied minimum
            assert claim > istar - TOL or claim < floor - 1e-9, (method, o, d)
    print(f"dit method={method!r}: agreed with synib on {agree} of {len(dists)} distributions, "
          f"{inconsistent} answers violated the consistency equations, the rest were beaten by synib's feasible optimum")

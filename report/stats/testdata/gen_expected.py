#!/usr/bin/python3
"""Generate the test data sets and the expected values the Go tests compare with.

Run from this directory with Debian's Python (scipy 1.10, mpmath 1.2,
statsmodels 0.13 from apt):

    /usr/bin/python3 gen_expected.py

It writes one long-format CSV per data set (block,treatment,value) and
expected.json. The Go tests read the same CSV files, so both sides see
identical numbers. R is not used; where scipy's defaults differ from R's
the script follows R's rules explicitly (see wilcoxon_r below).
"""

import json

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests

OUT = {}


def write_csv(name, rows):
    """rows: list of (block, treatment, value string); value "NA" = missing."""
    with open(name + ".csv", "w") as f:
        f.write("block,treatment,value\n")
        for b, t, v in rows:
            f.write(f"{b},{t},{v}\n")


def matrix(rows):
    """Block x treatment matrix in order of first appearance, NaN if missing."""
    blocks, treats = [], []
    for b, t, _ in rows:
        if b not in blocks:
            blocks.append(b)
        if t not in treats:
            treats.append(t)
    y = np.full((len(blocks), len(treats)), np.nan)
    for b, t, v in rows:
        y[blocks.index(b), treats.index(t)] = np.nan if v == "NA" else float(v)
    return blocks, treats, y


def wilcoxon_r(x, y):
    """R's wilcox.test(x, y, paired=TRUE) defaults, computed with scipy.

    R drops zero differences, uses the exact distribution when fewer than
    50 non-zero differences remain and there are no ties and no zeros, and
    otherwise the normal approximation with continuity and tie correction.
    scipy's defaults differ (method='auto' is exact for len(d) <= 50
    counting zeros and even with ties; correction=False), so the method is
    chosen here by R's rule and passed explicitly.
    """
    d = np.asarray(x) - np.asarray(y)
    zeros = int(np.sum(d == 0))
    nz = d[d != 0]
    r = stats.rankdata(np.abs(nz))
    v = float(np.sum(r[nz > 0]))
    ties = len(np.unique(r)) != len(r)
    method = "exact" if (len(nz) < 50 and not ties and zeros == 0) else "approx"
    res = stats.wilcoxon(x, y, zero_method="wilcox", correction=True,
                         alternative="two-sided", method=method)
    return {"v": v, "n": len(nz), "zeros": zeros, "ties": bool(ties),
            "p": float(res.pvalue), "method": method}


def kendall_w(y):
    """Kendall & Babington Smith's W with tie correction, from its own formula."""
    n, k = y.shape
    r = np.apply_along_axis(stats.rankdata, 1, y)
    s = np.sum((r.sum(axis=0) - n * (k + 1) / 2) ** 2)
    t = 0.0
    for row in r:
        _, c = np.unique(row, return_counts=True)
        t += np.sum(c ** 3 - c)
    return float(12 * s / (n ** 2 * (k ** 3 - k) - n * t))


def friedman_r(y):
    """R's friedman.test formula; scipy's friedmanchisquare refuses k < 3."""
    n, k = y.shape
    r = np.apply_along_axis(stats.rankdata, 1, y)
    t = 0.0
    for row in r:
        _, c = np.unique(row, return_counts=True)
        t += np.sum(c ** 3 - c)
    q = 12 * np.sum((r.sum(axis=0) - n * (k + 1) / 2) ** 2) / (n * k * (k + 1) - t / (k - 1))
    return float(q), float(stats.chi2.sf(q, k - 1))


def conover(y):
    """Conover (1999) all-pairs t test on Friedman rank sums, Holm-adjusted."""
    n, k = y.shape
    r = np.apply_along_axis(stats.rankdata, 1, y)
    rs = r.sum(axis=0)
    a = np.sum(r ** 2)
    df = (n - 1) * (k - 1)
    se = np.sqrt(2 * (n * a - np.sum(rs ** 2)) / df)
    out = []
    for i in range(k):
        for j in range(i + 1, k):
            with np.errstate(divide="ignore"):
                t = abs(rs[i] - rs[j]) / se
            out.append([i, j, float(t), float(2 * stats.t.sf(t, df))])
    adj = multipletests([o[3] for o in out], method="holm")[1]
    return [o + [float(p)] for o, p in zip(out, adj)]


def nemenyi(y):
    n, k = y.shape
    r = np.apply_along_axis(stats.rankdata, 1, y)
    m = r.mean(axis=0)
    se = np.sqrt(k * (k + 1) / (12 * n))
    out = []
    for i in range(k):
        for j in range(i + 1, k):
            q = abs(m[i] - m[j]) / se
            out.append([i, j, float(q), float(stats.studentized_range.sf(q, k, np.inf))])
    return out


def analyse(name, rows, published=None):
    write_csv(name, rows)
    blocks, treats, y = matrix(rows)
    complete = ~np.isnan(y).any(axis=1)
    y = y[complete]
    n, k = y.shape
    stat, p = friedman_r(y)
    if k >= 3:
        fr = stats.friedmanchisquare(*[y[:, j] for j in range(k)])
        assert abs(fr.statistic - stat) <= 1e-12 * stat and abs(fr.pvalue - p) <= 1e-15
        stat, p = fr.statistic, fr.pvalue
    pairs, raw = [], []
    for i in range(k):
        for j in range(i + 1, k):
            w = wilcoxon_r(y[:, i], y[:, j])
            w.update(a=treats[i], b=treats[j])
            pairs.append(w)
            raw.append(w["p"])
    for w, adj in zip(pairs, multipletests(raw, method="holm")[1]):
        w["p_holm"] = float(adj)
    entry = {
        "file": name + ".csv",
        "dropped": [str(b) for b, c in zip(blocks, complete) if not c],
        "friedman": {"statistic": float(stat), "df": k - 1, "p": float(p),
                     "kendall_w": kendall_w(y), "n": n, "k": k},
        "wilcoxon": pairs,
        # t is infinite when every block ranks alike; JSON has no Infinity: null.
        "conover": [{"a": treats[i], "b": treats[j], "t": t if np.isfinite(t) else None,
                     "p": p, "p_holm": ph}
                    for i, j, t, p, ph in (conover(y) if n >= 2 else [])],
        "nemenyi": [{"a": treats[i], "b": treats[j], "q": q, "p": p}
                    for i, j, q, p in nemenyi(y)],
    }
    if published:
        entry["published"] = published
    OUT.setdefault("datasets", []).append(entry)


def wide(blocks, treats, values):
    return [(b, t, v) for b, row in zip(blocks, values) for t, v in zip(treats, row)]


# 1. R's friedman.test example (Hollander & Wolfe 1973, p. 140): base-running
# times of 22 players for three methods of rounding first base. Ties.
rounding = [
    "5.40 5.50 5.55", "5.85 5.70 5.75", "5.20 5.60 5.50", "5.55 5.50 5.40",
    "5.90 5.85 5.70", "5.45 5.55 5.60", "5.40 5.40 5.35", "5.45 5.50 5.35",
    "5.25 5.15 5.00", "5.85 5.80 5.70", "5.25 5.20 5.10", "5.65 5.55 5.45",
    "5.60 5.35 5.45", "5.05 5.00 4.95", "5.50 5.50 5.40", "5.45 5.55 5.50",
    "5.55 5.55 5.35", "5.45 5.50 5.55", "5.50 5.45 5.25", "5.65 5.60 5.40",
    "5.70 5.65 5.55", "6.30 6.30 6.25"]
analyse("rounding", wide(range(1, 23), ["round out", "narrow angle", "wide angle"],
                         [r.split() for r in rounding]),
        published={"source": "R friedman.test example (Hollander & Wolfe 1973, p. 140)",
                   "statistic": 11.143, "p": 0.003805})

# 2. R's wilcox.test paired example (Hollander & Wolfe 1973, p. 29):
# Hamilton depression scale at first (x) and second (y) visit.
x = "1.83 0.50 1.62 2.48 1.68 1.88 1.55 3.06 1.30".split()
y = "0.878 0.647 0.598 2.05 1.06 1.29 1.06 3.14 1.29".split()
analyse("depression", wide(range(1, 10), ["first", "second"], list(zip(x, y))),
        published={"source": "R wilcox.test example (Hollander & Wolfe 1973, p. 29): "
                   "V = 40, one-sided p = 0.01953", "v": 40, "p_two_sided": 0.0390625})

# 3. Thesis design: 10 repetitions (blocks) of one test on three platforms
# with the same order in every repetition; rep 11 has wazero missing (NA),
# rep 12 has no docker row: both blocks are incomplete and dropped.
rng = np.random.RandomState(2020)
rows = []
for rep in range(1, 11):
    for plat, base in [("native", 1.0), ("docker", 1.05), ("wazero", 1.6)]:
        rows.append((rep, plat, f"{base + rng.uniform(0, 0.04):.4f}"))
rows += [(11, "native", "1.0123"), (11, "docker", "1.0611"), (11, "wazero", "NA"),
         (12, "native", "1.0200"), (12, "wazero", "1.6300")]
analyse("thesis_incomplete", rows)

# 4. Heavily tied scores (integers 1..4), 12 blocks x 4 treatments: ties within
# blocks and zero differences between pairs.
rng = np.random.RandomState(5)
analyse("ties", wide(range(1, 13), ["a", "b", "c", "d"],
                     [[str(v) for v in rng.randint(1, 5, size=4) + np.array([0, 0, 1, 1])]
                      for _ in range(12)]))

# 5. 60 blocks x 3 treatments, continuous: Wilcoxon n >= 50, normal approximation.
rng = np.random.RandomState(7)
analyse("large", wide(range(1, 61), ["p", "q", "r"],
                      [[f"{v:.6f}" for v in rng.normal([0, 0.2, 0.5], 1)] for _ in range(60)]))

# 6. 15 blocks x 5 treatments rounded to one decimal: some ties and zeros.
rng = np.random.RandomState(11)
analyse("mixed", wide(range(1, 16), ["t1", "t2", "t3", "t4", "t5"],
                      [[f"{v:.1f}" for v in rng.normal([10, 10.2, 10.4, 10.1, 11], 0.5)]
                       for _ in range(15)]))

# Studentized range upper tail, df = infinity: scipy and a 30-digit mpmath
# integral of the same formula as the Go code.
mpmath.mp.dps = 30


def ptukey_sf_mp(q, k):
    q = mpmath.mpf(q)
    f = lambda z: mpmath.npdf(z) * (mpmath.ncdf(z) - mpmath.ncdf(z - q)) ** (k - 1)
    return 1 - k * mpmath.quad(f, [-mpmath.inf, -5, 0, q / 2, q, q + 5, mpmath.inf])


OUT["studentized_range"] = [
    {"q": q, "k": k, "sf_scipy": float(stats.studentized_range.sf(q, k, np.inf)),
     "sf_mpmath": float(ptukey_sf_mp(q, k))}
    for k in (2, 3, 4, 5, 8, 10) for q in (0.25, 1.0, 2.0, 3.0, 3.5, 5.0, 7.0, 10.0)]

OUT["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__,
                   "mpmath": mpmath.__version__, "statsmodels": statsmodels.__version__}

with open("expected.json", "w") as f:
    json.dump(OUT, f, indent=1)
    f.write("\n")

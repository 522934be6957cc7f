# The reference side of `npm run bench:ml`: the same data sets, written to disk by the
# benchmark as raw float64 files, fitted by scikit-learn (single-threaded) and, for BG/NBD, by
# the same log-likelihood minimised with SciPy's Nelder-Mead. Prints one JSON object per line.
# Run with Debian's /usr/bin/python3 (python3-sklearn); it is a benchmark reference only.
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import gammaln  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

folder = sys.argv[1]
manifest = json.load(open(os.path.join(folder, "manifest.json")))


def load(name):
    shape = manifest[name]
    return np.fromfile(os.path.join(folder, name + ".f64"), dtype="<f8").reshape(shape)


def say(**fields):
    print(json.dumps(fields), flush=True)


for task in manifest["tasks"]:
    kind = task["kind"]
    if kind == "forest" or kind == "boosting":
        X, y = load(task["train"] + "_X"), load(task["train"] + "_y").ravel().astype(int)
        Xt, yt = load(task["test"] + "_X"), load(task["test"] + "_y").ravel().astype(int)
        if kind == "forest":
            model = RandomForestClassifier(
                n_estimators=task["trees"], max_features="sqrt", n_jobs=1, random_state=1
            )
        else:
            model = HistGradientBoostingClassifier(
                max_iter=task["rounds"], learning_rate=task["learningRate"],
                max_depth=task["maxDepth"], max_leaf_nodes=None,
                min_samples_leaf=task["minLeaf"], l2_regularization=1.0,
                max_bins=task["maxBins"], early_stopping=False, random_state=1,
            )
        t0 = time.perf_counter()
        model.fit(X, y)
        fit = time.perf_counter() - t0
        auc = roc_auc_score(yt, model.predict_proba(Xt)[:, 1])
        say(id=task["id"], fit=fit, auc=auc)
    elif kind == "kmeans":
        X = load(task["data"] + "_X")
        model = KMeans(n_clusters=task["k"], init="k-means++", n_init=1, max_iter=300,
                       algorithm="lloyd", random_state=1)
        t0 = time.perf_counter()
        model.fit(X)
        say(id=task["id"], fit=time.perf_counter() - t0, iterations=int(model.n_iter_),
            inertia=float(model.inertia_))
    elif kind == "bgnbd":
        d = load(task["data"] + "_X")
        x, tx, T = d[:, 0], d[:, 1], d[:, 2]

        def nll(logp):
            r, alpha, a, b = np.exp(logp)
            A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
            A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
            A3 = -(r + x) * np.log(alpha + T)
            with np.errstate(divide="ignore"):
                A4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                              - (r + x) * np.log(alpha + tx), -np.inf)
            return -np.sum(A1 + A2 + np.logaddexp(A3, A4))

        t0 = time.perf_counter()
        res = minimize(nll, np.zeros(4), method="Nelder-Mead",
                       options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 20000, "maxfev": 40000})
        fit = time.perf_counter() - t0
        r, alpha, a, b = np.exp(res.x)
        say(id=task["id"], fit=fit, r=r, alpha=alpha, a=a, b=b, logLikelihood=-res.fun)

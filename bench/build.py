"""How the build scales: synthetic knowledge bases of N entries built whole
(`python -m generator build --timings`, in a child process so its peak
memory can be read), and the same generated Markdown built by bare MkDocs.

    .venv/bin/python bench/build.py                 # N = 150, 2000, 10000
    .venv/bin/python bench/build.py --sizes 150 2000 --plot bench/out/build.png
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, make_project  # noqa: E402

STAGE_LINE = re.compile(r"^\s+(.+?)\s+([\d.]+) s$")


def run_child(args: list[str]) -> tuple[float, int, str]:
    """Wall time, peak RSS in MiB (of this child alone) and output of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{result.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024, result.stdout


def bare_mkdocs(project: Path) -> float:
    """Render the same Markdown, then time MkDocs alone on it (both languages, one after the other)."""
    code = f"""
import sys, time
from pathlib import Path
from generator.build import Project, write_markdown, navigation, interface_strings
from generator.load import load_content
from generator.catalog import load_translator
from generator.mkdocs_site import LocaleSite, build_locale, read_config
project = Project(Path({str(project)!r}))
raw = read_config(project.root / "mkdocs.yml")
content = load_content(project.content_dir)
total = 0.0
for code in project.locales:
    tr = load_translator(project.locales_dir, code)
    docs = project.root / "bare-docs" / code
    write_markdown(docs, content, tr)
    site = LocaleSite(code, docs, project.root / "bare-site" / code, navigation(content, tr), interface_strings(tr))
    start = time.perf_counter()
    build_locale(raw, project.root, site, project.locales)
    total += time.perf_counter() - start
print(total)
"""
    _, _, out = run_child([sys.executable, "-c", code])
    return float(out.strip().splitlines()[-1])


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(size: int, workdir: Path) -> dict:
    project = make_project(workdir / f"kb-{size}", size)
    elapsed, peak, out = run_child([sys.executable, "-m", "generator", "--root", str(project), "build", "--timings"])
    stages = {m.group(1): float(m.group(2)) for m in map(STAGE_LINE.match, out.splitlines()) if m}
    mkdocs_time = sum(v for k, v in stages.items() if k.startswith("mkdocs"))
    site = project / "site"
    entry_page = next((site / "en" / "errors").glob("*/index.html"))
    return dict(
        n=size, wall=elapsed, peak_mib=peak, stages=stages,
        page_kib=entry_page.stat().st_size / 1024, site_mib=folder_size(site) / 2**20,
        bare=bare_mkdocs(project), mkdocs_in_build=mkdocs_time,
    )


def report(rows: list[dict]) -> None:
    print(f"{'N':>6} {'wall s':>8} {'peak MiB':>9} {'page KiB':>9} {'site MiB':>9} {'bare MkDocs s':>14} {'overhead':>9}")
    for row in rows:
        overhead = (row["wall"] - row["bare"]) / row["bare"]
        print(f"{row['n']:>6} {row['wall']:>8.1f} {row['peak_mib']:>9} {row['page_kib']:>9.1f} "
              f"{row['site_mib']:>9.1f} {row['bare']:>14.1f} {overhead:>8.0%}")
    for row in rows:
        print(f"stages at N={row['n']}: " + ", ".join(f"{k} {v:.2f}s" for k, v in row["stages"].items()))


def plot(rows: list[dict], path: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        print("no plot: matplotlib is not installed (.venv/bin/pip install matplotlib==3.11.2)")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    sizes = [row["n"] for row in rows]
    left.plot(sizes, [row["wall"] for row in rows], "o-", label="generator build")
    left.plot(sizes, [row["bare"] for row in rows], "s--", label="bare MkDocs")
    left.set(xlabel="entries", ylabel="seconds", title="Build time (2 languages)")
    left.legend()
    right.plot(sizes, [row["page_kib"] for row in rows], "o-")
    right.set(xlabel="entries", ylabel="KiB", title="One entry page's HTML", ylim=(0, None))
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    print(f"plot written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 2000, 10000])
    parser.add_argument("--plot", type=Path, help="write a PNG of build time and page size against N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mfkb-bench-") as workdir:
        rows = [measure(size, Path(workdir)) for size in args.sizes]
    report(rows)
    if args.plot:
        plot(rows, args.plot)


if __name__ == "__main__":
    main()

"""How the build scales: synthetic knowledge bases of N entries built whole
(`python -m generator build --timings`, in a child process so its peak
memory can be read), and the same generated Markdown built by bare MkDocs
(`mkdocs build`, one process per language, both at once, as the generator
runs them), so the generator's own cost is a ratio.

Each size is built --runs times, the generator and bare MkDocs in turn so
that both meet the same noise: each run, a first build from nothing (no
site, no .cache/, as on a fresh clone) and a rebuild over it, as a writer
runs them (the generator keeps its compiled templates; both remove the old
site). The figures are medians.

    .venv/bin/python bench/build.py                 # N = 150, 2000, 10000
    .venv/bin/python bench/build.py --sizes 150 2000 10000 --runs 5 --big-runs 2 --plot bench/out/build.png
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_project  # noqa: E402

STAGE_LINE = re.compile(r"^\s+(.+?)\s+([\d.]+) s$")
GOAL_SECONDS_AT_10000 = 120
GOAL_OVERHEAD = 0.10
GOAL_PEAK_MIB = 1024


# Runs a command and prints the largest resident size of it and its children
# (the language builds run in worker processes), in KiB, and the CPU time
# they all used, in seconds.
PEAK_WRAPPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print("peak-kib", usage.ru_maxrss, "cpu-s", usage.ru_utime + usage.ru_stime)
sys.exit(code)
"""


def process_tree_pss_kib(root: int) -> int:
    """Proportional set size of a process and all its descendants, from
    /proc: memory they share (the workers are forked) is counted once."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        grew, tree = len(grown) > len(tree), grown
    total = 0
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", status, re.M)
        total += int(match.group(1)) if match else 0
    return total


def run_child(args: list[str]) -> tuple[float, str, int]:
    """Wall time, output and the peak memory of all its processes together
    (proportional set size in MiB, sampled 4 times a second for 10 s, then
    once a second: reading it costs the machine time too); stops the bench
    when it fails. The generator and bare MkDocs are both run this way."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, done = [0], threading.Event()

    def sample():
        while not done.wait(0.25 if time.perf_counter() - start < 10 else 1.0):
            peak[0] = max(peak[0], process_tree_pss_kib(process.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, errors = process.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{errors}")
    return elapsed, output, peak[0] // 1024


def write_bare_projects(project: Path) -> list[Path]:
    """For each language: the generator's Markdown and a mkdocs.yml that
    INHERITs the project's with that language's settings, as the generator
    lays them over it (generator.site.mkdocs_site.locale_config)."""
    code = f"""
from pathlib import Path
import yaml
from generator.build import write_markdown, navigation, interface_strings
from generator.project import Project
from generator.site.output import folder_writer
from generator.content.load import load_content
from generator.i18n.catalog import load_translator
from generator.site.mkdocs_site import LocaleSite, locale_config, read_config
project = Project(Path({str(project)!r}))
raw = read_config(project.root / "mkdocs.yml")
content = load_content(project.content_dir)
for code in project.locales:
    tr = load_translator(project.locales_dir, code)
    bare = project.root / "bare" / code
    write_markdown(folder_writer(bare / "docs"), content, tr)
    site = LocaleSite(code, bare / "docs", bare / "site", navigation(content, tr), interface_strings(tr))
    settings = locale_config(raw, project.root, site, project.locales)
    del settings["config_file"]
    settings["INHERIT"] = str(project.root / "mkdocs.yml")
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    print(bare / "mkdocs.yml")
"""
    _, out, _ = run_child([sys.executable, "-c", code])
    return [Path(line) for line in out.split()]


def peak_mib(output: str) -> int:
    return int(re.search(r"peak-kib (\d+)", output).group(1)) // 1024


def cpu_seconds(output: str) -> float:
    return float(re.search(r"cpu-s ([\d.]+)", output).group(1))


# Builds each language's mkdocs.yml (its arguments) at once, as the generator
# does; prints each one's seconds, then peak-kib and cpu-s as PEAK_WRAPPER.
BARE_WRAPPER = """
import os, resource, subprocess, sys, time
running = {}
for config in sys.argv[1:]:
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config])
    running[process.pid] = time.perf_counter()
while running:
    pid, status = os.wait()
    print("each", time.perf_counter() - running.pop(pid))
    if status:
        sys.exit(1)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print("peak-kib", usage.ru_maxrss, "cpu-s", usage.ru_utime + usage.ru_stime)
"""


def bare_mkdocs(configs: list[Path]) -> dict:
    """Wall time of all languages' `mkdocs build` at once, each one's time,
    the peak memory of all of them together and of the largest, and the
    CPU time of all."""
    wall, out, total_peak = run_child([sys.executable, "-c", BARE_WRAPPER, *map(str, configs)])
    each = [float(seconds) for seconds in re.findall(r"^each ([\d.]+)", out, re.M)]
    return dict(wall=wall, each=each, peak_mib=peak_mib(out), total_peak_mib=total_peak, cpu=cpu_seconds(out))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def generator_build(project: Path) -> dict:
    wall, out, total_peak = run_child([sys.executable, "-c", PEAK_WRAPPER,
                                       sys.executable, "-m", "generator", "--root", str(project), "build", "--timings"])
    stages = {m.group(1): float(m.group(2)) for m in map(STAGE_LINE.match, out.splitlines()) if m}
    return dict(wall=wall, peak_mib=peak_mib(out), total_peak_mib=total_peak, stages=stages, cpu=cpu_seconds(out),
                pages=int(re.search(r"built (\d+) pages", out).group(1)))


def middle(runs: list[dict]) -> dict:
    """The run with the median wall time."""
    return sorted(runs, key=lambda run: run["wall"])[(len(runs) - 1) // 2]


def measure(size: int, workdir: Path, runs: int) -> dict:
    """Each run: a first build from nothing (no site, no .cache/, as on a fresh
    clone) and a rebuild over it, by the generator and by bare MkDocs in turn."""
    project = make_project(workdir / f"kb-{size}", size)
    configs = write_bare_projects(project)
    firsts, rebuilds, bare_firsts, bare_rebuilds = [], [], [], []
    for _ in range(runs):
        for folder in (project / "site", project / ".cache", *(config.parent / "site" for config in configs)):
            shutil.rmtree(folder, ignore_errors=True)
        firsts.append(generator_build(project))
        bare_firsts.append(bare_mkdocs(configs))
        rebuilds.append(generator_build(project))
        bare_rebuilds.append(bare_mkdocs(configs))
    builds, bare = firsts + rebuilds, bare_firsts + bare_rebuilds
    site = project / "site"
    entry_page = next((site / "en" / "errors").glob("*/index.html"))
    return dict(
        n=size, pages=firsts[0]["pages"], runs=runs,
        first=statistics.median(b["wall"] for b in firsts), wall=statistics.median(b["wall"] for b in rebuilds),
        bare_first=statistics.median(b["wall"] for b in bare_firsts),
        bare=statistics.median(b["wall"] for b in bare_rebuilds),
        first_stages=middle(firsts)["stages"], stages=middle(rebuilds)["stages"],
        peak_mib=max(b["peak_mib"] for b in builds), total_peak_mib=max(b["total_peak_mib"] for b in builds),
        cpu=statistics.median(b["cpu"] for b in rebuilds), bare_cpu=statistics.median(b["cpu"] for b in bare_rebuilds),
        page_kib=entry_page.stat().st_size / 1024, site_mib=folder_size(site) / 2**20,
        bare_each=middle(bare_rebuilds)["each"],
        ranges={label: (min(b["wall"] for b in runs_), max(b["wall"] for b in runs_)) for label, runs_ in
                (("first builds", firsts), ("bare first builds", bare_firsts), ("rebuilds", rebuilds),
                 ("bare rebuilds", bare_rebuilds))},
        bare_peak_mib=max(b["peak_mib"] for b in bare), bare_total_peak_mib=max(b["total_peak_mib"] for b in bare),
    )


def own_stages(stages: dict[str, float]) -> float:
    """Seconds of the generator's own stages (all but MkDocs), summed over processes."""
    return sum(seconds for stage, seconds in stages.items() if not stage.startswith("mkdocs"))


def overhead(row: dict, wall: str = "wall") -> float:
    """The generator's first build over bare MkDocs' first, or rebuild over rebuild."""
    bare = row["bare_first"] if wall == "first" else row["bare"]
    return (row[wall] - bare) / bare


def report(rows: list[dict]) -> None:
    print(f"{'N':>6} {'pages':>6} {'first s':>8} {'bare':>6} {'rebuild s':>10} {'bare':>6} {'pages/s':>8} "
          f"{'peak MiB':>9} {'(1 proc)':>9} {'page KiB':>9} {'site MiB':>9} {'first':>7} {'rebuild':>8} {'CPU':>6} "
          f"{'own CPU':>8}")
    for row in rows:
        own = own_stages(row["stages"]) / sum(v for k, v in row["stages"].items() if k.startswith("mkdocs"))
        print(f"{row['n']:>6} {row['pages']:>6} {row['first']:>8.1f} {row['bare_first']:>6.1f} {row['wall']:>10.1f} "
              f"{row['bare']:>6.1f} {row['pages'] / row['wall']:>8.0f} {row['total_peak_mib']:>9} {row['peak_mib']:>9} "
              f"{row['page_kib']:>9.1f} {row['site_mib']:>9.1f} {overhead(row, 'first'):>+7.0%} {overhead(row):>+8.0%} "
              f"{row['cpu'] / row['bare_cpu'] - 1:>+6.0%} {own:>8.0%}")
    print("first: a build from nothing (no site, no .cache/, as on a fresh clone); rebuild: over the last site;")
    print("bare: bare MkDocs the same way (both languages at once); medians of the runs; the two percentages are")
    print("the generator's first build over bare MkDocs' first, and rebuild over rebuild;")
    print("CPU: the CPU time of all a rebuild's processes over bare MkDocs';")
    print("own CPU: the generator's own stages (all but MkDocs) summed, over its MkDocs stages summed;")
    print("peak MiB: memory of all the build's processes together at its highest (PSS, sampled 4 times a second, "
          "after 10 s once);")
    print("(1 proc): the largest of any one of them, as the kernel counts it.")
    for row in rows:
        print(f"N={row['n']}, {row['runs']} runs: " + ", ".join(f"{label} {low:.1f}-{high:.1f} s"
                                                              for label, (low, high) in row["ranges"].items())
              + " | bare MkDocs per language " + ", ".join(f"{s:.1f}" for s in row["bare_each"])
              + f" s, its peak {row['bare_total_peak_mib']} MiB ({row['bare_peak_mib']} in one process)")
        for label, stages in (("first build", row["first_stages"]), ("rebuild", row["stages"])):
            print(f"  stages, {label}: " + ", ".join(f"{k} {v:.2f}s" for k, v in stages.items()))
    verdicts(rows)


def verdicts(rows: list[dict]) -> None:
    """The goals of issue 8, where these sizes can tell."""
    big = [row for row in rows if row["n"] >= 10000]
    for row in big:
        for label, wall in (("first build", row["first"]), ("rebuild", row["wall"])):
            print(f"goal: N={row['n']} in <= {GOAL_SECONDS_AT_10000} s, {label}: {wall:.1f} s "
                  f"{'met' if wall <= GOAL_SECONDS_AT_10000 else 'NOT met'}")
    for row in rows:
        for label, wall in (("first build", "first"), ("rebuild", "wall")):
            print(f"goal: overhead <= {GOAL_OVERHEAD:.0%} at N={row['n']}, {label}: {overhead(row, wall):+.0%} "
                  f"{'met' if overhead(row, wall) <= GOAL_OVERHEAD else 'NOT met'}")
        print(f"goal: peak < {GOAL_PEAK_MIB} MiB at N={row['n']}: {row['total_peak_mib']} MiB "
              f"{'met' if row['total_peak_mib'] < GOAL_PEAK_MIB else 'NOT met'}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        per_page = [row["wall"] / row["pages"] * 1000 for row in (first, last)]
        print(f"linear: {per_page[0]:.1f} ms per page at N={first['n']}, {per_page[1]:.1f} ms at N={last['n']}; "
              f"entry page {first['page_kib']:.1f} KiB -> {last['page_kib']:.1f} KiB")


def plot(rows: list[dict], path: Path) -> None:
    try:
        import matplotlib
    except ImportError:
        print("no plot: matplotlib is not installed (scripts/setup.sh installs it from requirements.lock)")
        return
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(12, 3.6))
    sizes = [row["n"] for row in rows]
    left.plot(sizes, [row["first"] for row in rows], "^-", label="generator, first build")
    left.plot(sizes, [row["wall"] for row in rows], "o-", label="generator, rebuild")
    left.plot(sizes, [row["bare_first"] for row in rows], "v--", label="bare MkDocs, first build")
    left.plot(sizes, [row["bare"] for row in rows], "s--", label="bare MkDocs, rebuild")
    if max(sizes) >= 10000:
        left.axhline(GOAL_SECONDS_AT_10000, color="grey", linestyle=":", label="goal at 10,000")
    left.set(xlabel="entries", ylabel="seconds", title="Build time (2 languages, 2 cores)")
    left.legend()
    middle.plot(sizes, [row["wall"] / row["pages"] * 1000 for row in rows], "o-")
    middle.set(xlabel="entries", ylabel="ms per page", title="Build time per page", ylim=(0, None))
    right.plot(sizes, [row["page_kib"] for row in rows], "o-")
    right.set(xlabel="entries", ylabel="KiB", title="One entry page's HTML",
              ylim=(0, 1.25 * max(row["page_kib"] for row in rows)))
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    print(f"plot written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="builds of each size, by each of the two (default 3)")
    parser.add_argument("--big-runs", type=int, default=2, help="the same for sizes from 10,000 on (default 2)")
    parser.add_argument("--plot", type=Path, help="write a PNG of build time and page size against N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mfkb-bench-") as workdir:
        rows = []
        for size in args.sizes:
            rows.append(measure(size, Path(workdir), args.big_runs if size >= 10000 else args.runs))
            print(f"N={size}: first build {rows[-1]['first']:.1f} s (bare MkDocs {rows[-1]['bare_first']:.1f} s), "
                  f"rebuild {rows[-1]['wall']:.1f} s (bare MkDocs {rows[-1]['bare']:.1f} s)", flush=True)
    report(rows)
    if args.plot:
        plot(rows, args.plot)


if __name__ == "__main__":
    main()

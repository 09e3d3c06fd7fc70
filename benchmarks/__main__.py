"""`make bench`: how much faster `autograder grade` is than `nbgrader autograde`, measured.

    python -m benchmarks [--students 20] [--lessons 01-convolution,...] [--jobs 2]

It builds a synthetic class in a temporary course directory, from templates: per lesson and
student a correct, a partly wrong (``tests/wrong_submissions``), a crashing (an exception in
every solution cell) or a blank submission, in a fixed mix. Then, in this one invocation, on
identical copies of the class:

1. sequential ``nbgrader autograde``, one lesson after another (the baseline);
2. nbgrader as one process per core: ``nbgrader autograde --student`` on disjoint halves of
   the class, side by side on the same gradebook (the fair peer);
3. ``python -m autograder grade --jobs N``.

It prints the wall times, the ratios to both, the peak memory of each, whether the scores are
identical, and each lesson's top-to-bottom run time and peak memory (solutions, in a real
kernel). Run it as a module (``python -m benchmarks``), never as a script: the grader's worker
processes re-import a main script.

    python -m benchmarks --scaling [--workers 1,2,4] [--students 20] [--lessons ...]

grades the same class on a ``distributed.LocalCluster`` of 1, 2 and 4 single-threaded worker
processes (``--executor dask``; each cluster warmed up before the clock starts) and prints the
throughput of each as a ratio to one worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from course_factory import (  # noqa: E402
    fill,
    make_course,
    released,
    scores,
    solution_sources,
    submit,
    wrong_sources,
)

MIX = (
    "correct",
    "correct",
    "partly_wrong",
    "correct",
    "blank",
    "crashing",
    "partly_wrong",
    "correct",
)
DEFAULT_LESSONS = [
    "01-convolution",
    "02-filters",
    "03-applying-filters",
    "04-feature-maps",
    "05-multiple-feature-maps",
]


def machine() -> str:
    """The line that says where the figures were measured."""
    cores, python = os.cpu_count(), platform.python_version()
    return f"machine: {platform.machine()}, {cores} cores, Python {python}"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(extra)
    return env


def timed(command: list[str], cwd: Path, **env: str) -> tuple[float, int]:
    """Run a command; return its wall time and the peak RSS (KiB) of its largest process."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "code = subprocess.call(sys.argv[1:])\n"
        "print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        cwd=cwd,
        env=_env(**env),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{result.stderr[-2000:]}")
    seconds, peak = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(peak)


def crashing_sources(lesson: str) -> dict[str, str]:
    """Each solution cell defines its function so that it raises when called."""
    return {
        grade_id: source.split("### BEGIN SOLUTION")[0] + "    raise RuntimeError('oops')\n"
        for grade_id, source in solution_sources(lesson).items()
    }


def build_class(root: Path, lessons: list[str], students: int) -> Path:
    course = make_course(root, lessons)
    for lesson in lessons:
        templates = {
            "correct": solution_sources(lesson),
            "partly_wrong": {**solution_sources(lesson), **wrong_sources(lesson)["CELLS"]},
            "crashing": crashing_sources(lesson),
            "blank": {},
        }
        for index in range(students):
            kind = MIX[(index + lessons.index(lesson)) % len(MIX)]
            notebook = fill(released(course, lesson), templates[kind])
            submit(course, f"student{index:03d}", lesson, notebook)
    return course


def nbgrader_sequential(course: Path, lessons: list[str], seed: str) -> tuple[float, int]:
    total, peak = 0.0, 0
    for lesson in lessons:
        seconds, rss = timed(
            [sys.executable, "-m", "nbgrader", "autograde", lesson, "--create"],
            course,
            AUTOGRADER_SEED=seed,
        )
        total, peak = total + seconds, max(peak, rss)
    return total, peak


def nbgrader_per_core(course: Path, lessons: list[str], students: int, jobs: int, seed: str):
    """One nbgrader process per core, each on its own slice of the class, side by side."""
    names = [f"student{i:03d}" for i in range(students)]
    slices = [names[i::jobs] for i in range(jobs)]
    script = (
        "import subprocess, sys\n"
        "lessons, students = sys.argv[1].split(','), sys.argv[2].split(',')\n"
        "failed = 0\n"
        "for lesson in lessons:\n"
        "    for student in students:\n"
        "        failed += subprocess.call([sys.executable, '-m', 'nbgrader', 'autograde', lesson,"
        " '--create', '--student', student], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
        " != 0\n"
        "sys.exit(1 if failed else 0)\n"
    )
    start = time.monotonic()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, ",".join(lessons), ",".join(part)],
            cwd=course,
            env=_env(AUTOGRADER_SEED=seed),
        )
        for part in slices
    ]
    failures = sum(process.wait() != 0 for process in processes)
    seconds = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak, failures


def ours(course: Path, lessons: list[str], jobs: int, seed: str) -> tuple[float, int]:
    """One invocation for every lesson, as an instructor grading a week's work would."""
    command = [sys.executable, "-m", "autograder", "grade", *lessons, "--seed", seed]
    return timed([*command, "--jobs", str(jobs)], course)


def one_notebook(root: Path, lesson: str, seed: str, repeats: int = 3) -> tuple[float, float]:
    """A class of one correct notebook, graded by each grader from the command to its exit:
    the fixed start-up of a run (imports, gradebook, warm workers), plus one notebook. The
    median of ``repeats`` runs each, alternating, on fresh copies."""
    import statistics

    base = make_course(root / "base", [lesson])
    submit(base, "student000", lesson, fill(released(base, lesson), solution_sources(lesson)))
    ours_runs, theirs_runs = [], []
    for run in range(repeats):
        ours, theirs = root / f"ours-{run}", root / f"nbgrader-{run}"
        shutil.copytree(base, ours)
        shutil.copytree(base, theirs)
        command = [sys.executable, "-m", "autograder", "grade", lesson, "--seed", seed]
        ours_runs.append(timed(command, ours)[0])
        nbgrader = ["nbgrader", "autograde", lesson]
        theirs_runs.append(timed(nbgrader, theirs, AUTOGRADER_SEED=seed)[0])
    return statistics.median(ours_runs), statistics.median(theirs_runs)


def main_startup(args, lessons: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        ours, theirs = one_notebook(Path(tmp), lessons[0], args.seed, repeats=5)
    print(
        f"a class of one notebook ({lessons[0]}), command to exit, median of 5: "
        f"autograder grade {ours:.2f} s, nbgrader autograde {theirs:.2f} s"
    )
    print(machine())
    if args.json:
        args.json.write_text(
            json.dumps({"one_notebook_s": ours, "one_notebook_nbgrader_s": theirs}, indent=1)
        )
    return 0


def lesson_costs(lessons: list[str]) -> list[tuple[str, float, float]]:
    """Each solution notebook top to bottom in a real kernel: seconds and peak RSS (MiB)."""
    import nbformat
    from nbclient import NotebookClient

    rows = []
    for lesson in lessons:
        path = REPO / "solutions" / lesson / f"{lesson}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        start = time.monotonic()
        with client.setup_kernel():
            pid = client.km.provisioner.process.pid
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            seconds = time.monotonic() - start
            with open(f"/proc/{pid}/status") as status:
                peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
        rows.append((lesson, seconds, peak / 1024))
    return rows


def scaling(
    base: Path, lessons: list[str], notebooks: int, counts: list[int], seed: str, tmp: Path
) -> list[dict]:
    """Grade copies of the class on LocalClusters of ``counts`` workers: per count the wall
    time, notebooks per second, the ratio to the first count, and whether the scores equal
    those of local grading (``reference``)."""
    import logging

    from distributed import Client, LocalCluster

    from autograder import dask_executor
    from autograder.autograde import preload_from_config, read_config

    rows = []
    for count in counts:
        course = tmp / f"scaling-{count}"
        shutil.copytree(base, course)
        with (
            LocalCluster(
                n_workers=count,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.CRITICAL,
            ) as cluster,
            Client(cluster) as client,
        ):
            client.wait_for_workers(count)
            # A long-running cluster is warm, with the course's preload imported.
            preload = preload_from_config(read_config(course))
            client.run(dask_executor.warm_up, preload)
            command = [sys.executable, "-m", "autograder", "grade", *lessons, "--seed", seed]
            command += ["--executor", "dask", "--scheduler", cluster.scheduler_address]
            seconds, _ = timed(command, course)
        rows.append([count, seconds, {lesson: scores(course, lesson) for lesson in lessons}])
    first = rows[0][1]
    return [
        {
            "workers": count,
            "seconds": seconds,
            "notebooks_per_second": notebooks / seconds,
            "ratio": first / seconds,
            "scores": graded,
        }
        for count, seconds, graded in rows
    ]


def main_scaling(args, lessons: list[str]) -> int:
    try:
        counts = [int(part) for part in args.workers.split(",") if part.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        print("error: --workers takes counts like 1,2,4", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as tmp:
        base = build_class(Path(tmp) / "base", lessons, args.students)
        notebooks = args.students * len(lessons)
        print(f"class: {args.students} students x {len(lessons)} lessons = {notebooks} notebooks")
        print("grading on a LocalCluster (--executor dask), single-threaded worker processes:\n")
        local = Path(tmp) / "local"
        shutil.copytree(base, local)
        local_seconds, _ = ours(local, lessons, args.jobs, args.seed)
        reference = {lesson: scores(local, lesson) for lesson in lessons}
        rows = scaling(base, lessons, notebooks, counts, args.seed, Path(tmp))
    for row in rows:
        row["identical"] = row.pop("scores") == reference
    print(f"| Dask workers | wall time | notebooks/s | throughput ratio to {counts[0]} |")
    print("|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['workers']} | {row['seconds']:.1f} s | {row['notebooks_per_second']:.2f} "
            f"| {row['ratio']:.2f} |"
        )
    print(f"\nlocal grading for comparison (no Dask, --jobs {args.jobs}): {local_seconds:.1f} s")
    same = all(row["identical"] for row in rows)
    print(f"scores identical to local grading for every cluster size: {'yes' if same else 'NO'}")
    print(machine())
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "students": args.students,
                    "lessons": lessons,
                    "local_s": local_seconds,
                    "scaling": rows,
                },
                indent=1,
            )
        )
    return 0 if same else 1


def _mib(kib: int) -> str:
    return f"peak RSS of one process {kib / 1024:6.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--lessons", default=",".join(DEFAULT_LESSONS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", default="20241126")
    parser.add_argument("--skip-per-core", action="store_true", help="skip the fair peer")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--scaling", action="store_true", help="only the Dask table: 1, 2, 4 LocalCluster workers"
    )
    parser.add_argument("--workers", default="1,2,4", help="cluster sizes for --scaling")
    parser.add_argument(
        "--startup", action="store_true", help="only a class of one notebook: the fixed start-up"
    )
    args = parser.parse_args(argv)
    lessons = [lesson for lesson in args.lessons.split(",") if lesson]
    missing = [lesson for lesson in lessons if not (REPO / "solutions" / lesson).is_dir()]
    if missing or args.students < 1 or args.jobs < 1:
        print(f"error: bad arguments (unknown lessons: {missing})", file=sys.stderr)
        return 2
    if args.scaling:
        return main_scaling(args, lessons)
    if args.startup:
        return main_startup(args, lessons)

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        base = build_class(Path(tmp) / "base", lessons, args.students)
        copies = {}
        for name in ("sequential", "per_core", "ours"):
            copies[name] = Path(tmp) / name
            shutil.copytree(base, copies[name])
        notebooks = args.students * len(lessons)
        print(f"class: {args.students} students x {len(lessons)} lessons = {notebooks} notebooks")

        seq_time, seq_rss = nbgrader_sequential(copies["sequential"], lessons, args.seed)
        print(f"nbgrader autograde, sequential:   {seq_time:8.1f} s   {_mib(seq_rss)}")
        per_core = None
        if not args.skip_per_core:
            pc_time, pc_rss, pc_failed = nbgrader_per_core(
                copies["per_core"], lessons, args.students, args.jobs, args.seed
            )
            per_core = (pc_time, pc_failed)
            print(
                f"nbgrader, one process per core:    {pc_time:8.1f} s   "
                f"({pc_failed} of {args.jobs} processes had failures)"
            )
        our_time, our_rss = ours(copies["ours"], lessons, args.jobs, args.seed)
        print(f"autograder grade --jobs {args.jobs}:        {our_time:8.1f} s   {_mib(our_rss)}")

        same = all(
            scores(copies["ours"], lesson) == scores(copies["sequential"], lesson)
            for lesson in lessons
        )
        print(f"\nspeed-up over sequential nbgrader: {seq_time / our_time:5.1f}x")
        if per_core:
            print(f"speed-up over nbgrader per core:   {per_core[0] / our_time:5.1f}x")
        print(f"scores identical to nbgrader:      {'yes' if same else 'NO'}")
        startup, nbgrader_startup = one_notebook(Path(tmp) / "one", lessons[0], args.seed)
        print(
            f"a class of one notebook ({lessons[0]}), command to exit, median of 3: "
            f"autograder grade {startup:.1f} s, nbgrader autograde {nbgrader_startup:.1f} s"
        )

    print("\nlesson                      seconds  peak RSS (solution, real kernel)")
    costs = lesson_costs(lessons)
    for lesson, seconds, mib in costs:
        print(f"{lesson:<26} {seconds:8.2f}  {mib:6.0f} MiB")
    print(f"\n{machine()}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "students": args.students,
                    "lessons": lessons,
                    "sequential_s": seq_time,
                    "per_core_s": per_core[0] if per_core else None,
                    "ours_s": our_time,
                    "identical": same,
                    "one_notebook_s": startup,
                    "one_notebook_nbgrader_s": nbgrader_startup,
                    "lesson_costs": costs,
                },
                indent=1,
            )
        )
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Builds that are killed, that run out of disk or permission, or that run
at the same time: no worker survives its build, no staging folder outlives
the next build, the previous site stays whole, and the user reads why."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_generator, tree_digest

UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def build_process(root: Path, *args: str) -> subprocess.Popen:
    """A build in a process group of its own: its workers are the group's other members."""
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def living_members(group: int) -> list[int]:
    """Processes of the group that have not ended (zombies left to a parent that never reaps count as ended)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def staging_folders(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.name.startswith(".site-build-") or p.name.startswith(".site-old-")]


def reached(root: Path, point: str) -> bool:
    """Where the build is: its staging folder made, MkDocs writing a language, the API written."""
    for staging in staging_folders(root):
        if point == "staging" or (staging / "site" / point).exists():
            return True
    return False


def wait_for(condition, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


@pytest.fixture(scope="module")
def full_project():
    """The whole shipped content (a build of a few seconds), built once."""
    folder = Path(tempfile.mkdtemp(prefix="mfkb-kill-"))
    root = copy_project(folder / "project")
    first = run_generator(root, "build")
    assert first.returncode == 0, first.stderr
    yield root
    subprocess.run(["rm", "-rf", str(folder)], check=False)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=lambda s: signal.Signals(s).name)
def test_a_killed_build_leaves_no_worker_and_the_next_build_no_staging_folder(full_project, signum):
    site_before = tree_digest(full_project / "site")
    for point in ("staging", "en", "api"):
        build = build_process(full_project)
        assert wait_for(lambda: reached(full_project, point) or build.poll() is not None)
        assert build.poll() is None, f"the build ended before reaching {point}: {build.communicate()}"
        os.kill(build.pid, signum)
        _, stderr = build.communicate(timeout=60)
        assert "Traceback" not in stderr, stderr
        assert wait_for(lambda: not living_members(build.pid), 10), f"workers outlived the build killed at {point}"
        if signum != signal.SIGKILL:  # the build cleans up after itself
            assert build.returncode == 128 + signum
            assert not staging_folders(full_project), f"staging left by the build stopped at {point}"
        assert tree_digest(full_project / "site") == site_before

    result = run_generator(full_project, "build")

    assert result.returncode == 0, result.stderr
    assert not staging_folders(full_project)
    assert tree_digest(full_project / "site") == site_before


def test_a_second_build_says_it_waits_for_the_first(full_project):
    first = build_process(full_project)
    lock = full_project / ".site.lock"
    assert wait_for(lambda: reached(full_project, "staging") and lock.read_text().strip() == str(first.pid))
    second = build_process(full_project)
    _, first_err = first.communicate(timeout=300)
    _, second_err = second.communicate(timeout=300)

    assert first.returncode == 0 and second.returncode == 0, first_err + second_err
    assert f"another build (pid {first.pid}) is building into {full_project / 'site'}; waiting" in second_err
    assert not staging_folders(full_project)
    assert (full_project / "site/en/errors/4.4.316/index.html").is_file()


@pytest.fixture
def tiny_disk(tmp_path):
    """A 2 MB file system (the site takes about 15 MB)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_is_a_message_and_leaves_nothing_behind(small_project, tiny_disk):
    result = run_generator(small_project, "build", "--site-dir", str(tiny_disk / "site"))

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.startswith(f"{tiny_disk}"), message
    assert "error: cannot write the site: No space left on device" in message
    assert f"hint: free some space on the disk that holds {tiny_disk}" in message
    assert sorted(p.name for p in tiny_disk.iterdir()) == [".site.lock"]


def test_a_folder_the_user_may_not_write_is_a_message(small_project):
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to an ordinary user")
    read_only = small_project.parent / "read-only"
    read_only.mkdir(mode=0o555)
    result = subprocess.run([*UNPRIVILEGED, sys.executable, "-m", "generator", "--root", str(small_project),
                             "build", "--no-cache", "--site-dir", str(read_only / "site")],
                            capture_output=True, text=True, timeout=600, cwd=ROOT)

    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.startswith(f"{read_only}/.site.lock: error: cannot write the site: Permission denied"), message
    assert f"hint: let the user who builds write into {read_only}" in message
    assert list(read_only.iterdir()) == []


def test_a_signal_as_the_staging_folder_appears_leaves_no_staging_folder(tmp_path, monkeypatch):
    """A signal taken in the moment between the staging folder's mkdir and the build knowing its name
    (the test above kills the build as soon as the folder appears; on a busy machine it landed there)
    left the folder behind."""
    from generator.site.output import staging_area

    real_mkdir = os.mkdir

    def mkdir_then_interrupted(path, *args, **kwargs):
        real_mkdir(path, *args, **kwargs)
        if ".site-build-" in os.fspath(path):
            raise KeyboardInterrupt

    monkeypatch.setattr(os, "mkdir", mkdir_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        with staging_area(tmp_path / "site"):
            pass

    assert not [path.name for path in tmp_path.iterdir() if path.name.startswith(".site-build-")]

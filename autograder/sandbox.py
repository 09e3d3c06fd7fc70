"""The confinement of the process that runs a learner's code.

``enter`` is called first thing in a grading child, before any learner code. In order:

1. its own process group, so the parent can kill it and everything it started;
2. where the platform allows (Linux, as root or with unprivileged user namespaces): new
   *mount* and *network* namespaces. The network namespace has no interfaces but a loopback
   that is down, so no connection can be made. In the mount namespace the course's private
   folders and files (other submissions, the gradebook, the source with its hidden tests,
   autograded and feedback folders) are covered by empty read-only mounts;
3. as root: a switch to an unprivileged user id, one per concurrent job (``uid``), so a job
   can neither read root's files, signal or trace another job, nor escape the process limit.
   When the Python installation is not readable by such a user (a Python under /root), the
   job stays user 0 but drops every capability instead (``_drop_capabilities``);
4. kernel resource limits (``setrlimit``): CPU time, address space, file size, processes;
5. the job's scratch folder as working directory, and the grading environment;
6. an audit hook (``sys.addaudithook``, which Python code cannot remove) that refuses
   network sockets, new processes, ctypes, signals to other processes and opening the hidden
   paths, and records what was tried,
   so the feedback can say "tried to open a network connection" rather than a bare error.

The namespaces and the user id are the barriers; the audit hook names the cause. What was in
force is returned, and the grader reports it. On a platform without namespaces (macOS, a
container that forbids them) only the limits, the scratch folder and the audit hook remain:
see README, "Untrusted submissions".
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import resource
import sys
from dataclasses import asdict, dataclass

GIB = 1024**3
MIB = 1024**2

# User ids for grading jobs when the grader runs as root: one per concurrent job.
FIRST_SANDBOX_UID = 64000

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 0x1
MS_NOSUID = 0x2
MS_NODEV = 0x4
MS_NOEXEC = 0x8
MS_REMOUNT = 0x20
MS_BIND = 0x1000
MS_REC = 0x4000
MS_PRIVATE = 0x40000


@dataclass(frozen=True)
class Limits:
    """Per-job limits; defaults suit a lesson that runs in a few seconds.

    ``cell_seconds`` bounds each cell (a learner's infinite loop costs that cell and the
    exercise it tests, not the notebook); ``wall_seconds`` bounds one run of the notebook.
    """

    wall_seconds: float = 120.0
    cell_seconds: float = 30.0
    cpu_seconds: int = 120
    memory_bytes: int = 1 * GIB  # address space; numpy/scipy need ~0.5 GiB of it
    max_processes: int = 64  # per sandbox user; the audit hook refuses new processes anyway
    file_size_bytes: int = 64 * MIB

    def as_dict(self) -> dict:
        return asdict(self)


def format_bytes(count: int) -> str:
    if count >= GIB and count % GIB == 0:
        return f"{count // GIB} GiB"
    return f"{count / MIB:.0f} MiB"


def _limit(kind: int, value: int) -> None:
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, value if hard == resource.RLIM_INFINITY else hard))


# --------------------------------------------------------------------------------------
# Namespaces (Linux)


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as file:
        file.write(text)


def _unshare(as_root: bool) -> None:
    libc = _libc()
    if as_root:
        _check(libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
        return
    uid, gid = os.getuid(), os.getgid()
    _check(libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET), "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{uid} {uid} 1")
    _write("/proc/self/gid_map", f"{gid} {gid} 1")


def _mount_points() -> list[str]:
    with open("/proc/self/mountinfo") as file:
        points = [line.split()[4] for line in file if len(line.split()) > 4]
    return [p.replace("\\040", " ") for p in points]


def _read_only_except(writable: str) -> bool:
    """Make every mount read-only but ``writable`` (the job's scratch folder), so a job can
    change no file outside it (the grader's code, the virtual environment, /tmp).
    Returns whether the root file system became read-only."""
    libc = _libc()
    encoded = os.fsencode(writable)
    _check(libc.mount(encoded, encoded, None, MS_BIND | MS_REC, None), "bind scratch")
    root_done = False
    for point in _mount_points():
        if point in ("/proc", "/dev", "/dev/pts", "/dev/shm") or point.startswith("/proc/"):
            continue
        if point == writable:
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
        if libc.mount(None, os.fsencode(point), None, flags, None) == 0 and point == "/":
            root_done = True
    return root_done


def _hide(paths: list[str]) -> list[str]:
    """Cover each existing path with an empty read-only mount; return the paths covered."""
    libc = _libc()
    # Mounts made here must not leak back to the host's namespace.
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate")
    hidden = []
    for path in paths:
        encoded = os.fsencode(path)
        if os.path.isdir(path):
            flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
            _check(libc.mount(b"tmpfs", encoded, b"tmpfs", flags, b"size=4k,mode=555"), path)
        elif os.path.isfile(path):
            _check(libc.mount(b"/dev/null", encoded, None, MS_BIND, None), path)
        else:
            continue
        hidden.append(path)
    return hidden


PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
_LINUX_CAPABILITY_VERSION_3 = 0x20080522


def _drop_capabilities() -> None:
    """Stay user 0 but give up every capability: no mounting (so no unmounting the hidden
    paths), no reading other users' files, no tracing, no raising limits. Used when the Python
    installation is not readable by an unprivileged user (e.g. it lives in /root)."""
    libc = _libc()
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(no_new_privs)")
    for capability in range(64):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            break  # past the last capability this kernel knows

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [(name, ctypes.c_uint32) for name in ("effective", "permitted", "inheritable")]

    header = Header(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (Data * 2)()
    _check(libc.capset(ctypes.byref(header), data), "capset")


def _readable_by_others(paths: list[str]) -> bool:
    """Can an unprivileged user reach and read these folders (the Python installation)?"""
    for path in paths:
        current = os.path.abspath(path)
        while True:
            try:
                mode = os.stat(current).st_mode
            except OSError:
                return False
            if mode & 0o005 != 0o005:
                return False
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    return True


def can_switch_user() -> bool:
    """Would a job still run as an unprivileged user? Only as root, and only if that user can
    read the Python installation and the course's packages."""
    return os.geteuid() == 0 and _readable_by_others(_installation_folders())


def _installation_folders() -> list[str]:
    import numpy

    import autograder

    folders = {os.path.dirname(os.__file__), os.path.dirname(os.path.dirname(numpy.__file__))}
    folders.add(os.path.dirname(os.path.dirname(autograder.__file__)))
    return sorted(folders)


# --------------------------------------------------------------------------------------
# The audit hook

_events: list[str] = []
_hidden_prefixes: tuple[str, ...] = ()

_PROCESS_EVENTS = {
    "os.fork",
    "os.forkpty",
    "os.posix_spawn",
    "os.spawn",
    "os.exec",
    "os.system",
    "subprocess.Popen",
    "pty.spawn",
}
_NETWORK_EVENTS = {"socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo"}
# ctypes reaches any C function (fork, ptrace, mount) past the checks here.
_NATIVE_EVENTS = {"ctypes.dlopen", "ctypes.dlsym", "ctypes.dlsym/handle"}
_SIGNAL_EVENTS = {"os.kill", "os.killpg", "signal.pthread_kill"}
_PATH_EVENTS = {
    "open",
    "os.listdir",
    "os.scandir",
    "os.remove",
    "os.rename",
    "shutil.rmtree",
    "sqlite3.connect",
}


def _note(event: str) -> None:
    if event not in _events and len(_events) < 20:
        _events.append(event)


def _path_of(argument) -> str | None:
    if isinstance(argument, bytes):
        argument = os.fsdecode(argument)
    if not isinstance(argument, str):
        return None
    return os.path.abspath(argument)


def _audit(event: str, args: tuple) -> None:
    if event in _NETWORK_EVENTS:
        _note("tried to open a network connection")
        raise PermissionError("network access is not allowed while grading")
    if event in _PROCESS_EVENTS:
        _note("tried to start a new process")
        raise PermissionError("starting processes is not allowed while grading")
    if event in _NATIVE_EVENTS:
        _note("tried to call native code through ctypes")
        raise PermissionError("ctypes is not allowed while grading")
    if event in _SIGNAL_EVENTS and args and args[0] not in (os.getpid(), 0):
        _note("tried to signal another process")
        raise PermissionError("signalling other processes is not allowed while grading")
    if event in _PATH_EVENTS and args and _hidden_prefixes:
        path = _path_of(args[0])
        if path and any(path == p or path.startswith(p + os.sep) for p in _hidden_prefixes):
            _note("tried to open the grader's private files (other submissions, gradebook, tests)")
            raise PermissionError(f"{path} is not accessible while grading")


def take_events() -> list[str]:
    """What the submission tried and was refused since the last call (for the feedback)."""
    events = list(_events)
    _events.clear()
    return events


# --------------------------------------------------------------------------------------
# What the job inherits

# The grader's environment may hold secrets (an instructor's NBGRADER_DB_URL with its
# password); a job gets these variables of it and nothing else.
ENVIRONMENT_ALLOWLIST = (
    "PATH",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "OPENBLAS_CORETYPE",  # older OpenBLAS builds compute wrong results without it on some CPUs
    "OPENBLAS_L2_SIZE",
    "MKL_NUM_THREADS",
    "MPLBACKEND",
    "PYDEVD_DISABLE_FILE_VALIDATION",
)


def _reduce_environment(env: dict[str, str]) -> None:
    kept = {name: os.environ[name] for name in ENVIRONMENT_ALLOWLIST if name in os.environ}
    os.environ.clear()
    os.environ.update(kept)
    os.environ.update(env)


def _close_inherited_files(keep: list[int] | tuple[int, ...]) -> None:
    """Close every file descriptor but the result pipe; standard input reads nothing."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 1024))
    for fd in fds:
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


# --------------------------------------------------------------------------------------
# Entering the sandbox


def enter(
    cwd: str,
    limits: Limits,
    env: dict[str, str],
    hidden_paths: list[str] | tuple[str, ...] = (),
    uid: int | None = None,
    keep_fds: list[int] | tuple[int, ...] = (),
) -> list[str]:
    """Confine the current (child) process; call before running any learner code.

    Returns the protections in force, e.g. ``["limits", "no network", "private files hidden",
    "user 64001"]``.
    """
    global _hidden_prefixes
    protections = ["limits", "audit hook"]
    os.setpgrp()
    hidden_paths = [os.path.abspath(p) for p in hidden_paths]
    as_root = os.geteuid() == 0
    if sys.platform.startswith("linux"):
        try:
            _unshare(as_root)
            protections.append("no network")
            _hide(hidden_paths)
            if hidden_paths:
                protections.append("private files hidden")
            if _read_only_except(os.path.realpath(cwd)):
                protections.append("read-only file system outside the scratch folder")
        except OSError:
            pass  # no namespaces here: the audit hook still refuses sockets and paths
    if as_root:
        if uid is not None:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            protections.append(f"user {uid}")
            _limit(resource.RLIMIT_NPROC, int(limits.max_processes))
        else:
            _drop_capabilities()
            protections.append("root without capabilities")
    _limit(resource.RLIMIT_CPU, int(limits.cpu_seconds))
    _limit(resource.RLIMIT_AS, int(limits.memory_bytes))
    _limit(resource.RLIMIT_FSIZE, int(limits.file_size_bytes))
    os.chdir(cwd)
    _close_inherited_files(keep_fds)
    protections.append("no inherited files")
    _reduce_environment(env)
    protections.append("minimal environment")
    # Programs that keep state in the home folder (IPython, matplotlib) keep it in the scratch.
    os.environ["HOME"] = cwd
    os.environ["MPLCONFIGDIR"] = cwd
    os.environ["TMPDIR"] = cwd
    import tempfile

    tempfile.tempdir = None  # forget a temporary folder chosen before
    _hidden_prefixes = tuple(hidden_paths)
    sys.addaudithook(_audit)
    return protections

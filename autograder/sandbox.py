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
import os
import resource
import sys
from dataclasses import asdict, dataclass

GIB = 1024**3
MIB = 1024**2

# User ids for grading jobs when the grader runs as root: one per concurrent job on the machine.
FIRST_SANDBOX_UID = 64000
SANDBOX_UIDS = 4096
# Where graders lease those ids: a job's id is its own while it holds the lock on its file, so
# two graders running at once (an autograde and a self-check, two pytest workers) never share
# one. A shared id would share the per-user process limit: one job's fork bomb would stop the
# other's honest cells from starting.
UID_LEASES = "/run/autograder-uids"

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
NAMESPACE_FLAGS = (
    CLONE_NEWNS
    | CLONE_NEWIPC
    | CLONE_NEWUSER
    | CLONE_NEWPID
    | CLONE_NEWNET
    | CLONE_NEWCGROUP
    | CLONE_NEWUTS
)
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
    ``call_hung_functions`` False: a learner's function that ran over the time limit when a
    test called it is not called again by later tests, which fail at once (the self-check's
    quick answer; grading calls it again, as nbgrader does, since other inputs may not hang).
    """

    wall_seconds: float = 120.0
    cell_seconds: float = 30.0
    cpu_seconds: int = 120
    memory_bytes: int = 1 * GIB  # address space; numpy/scipy need ~0.5 GiB of it
    max_processes: int = 64  # per sandbox user; the audit hook refuses new processes anyway
    file_size_bytes: int = 64 * MIB
    call_hung_functions: bool = True

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


_LIBC = None


def _libc():
    """The C library (the process's own symbols: no ``find_library``, which runs a compiler
    with temporary files, in a job whose file system is already read-only)."""
    global _LIBC
    if _LIBC is None:
        _LIBC = ctypes.CDLL(None, use_errno=True)
    return _LIBC


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as file:
        file.write(text)


def _unshare(as_root: bool) -> None:
    libc = _libc()
    flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC
    if as_root:
        _check(libc.unshare(flags), "unshare")
        return
    uid, gid = os.getuid(), os.getgid()
    _check(libc.unshare(CLONE_NEWUSER | flags), "unshare")
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
        if point == "/proc" or point.startswith(("/proc/", "/dev/")):
            continue  # /proc/sys is read-only already; /dev's devices must stay usable
        if point == writable:
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
        if libc.mount(None, os.fsencode(point), None, flags, None) == 0 and point == "/":
            root_done = True
    return root_done


def _hide(paths: list[str]) -> list[str]:
    """Cover each existing path with an empty read-only mount; return the paths covered.

    A path may vanish between its check and its mount, and come back: the gradebook's SQLite
    journal comes and goes with every commit of the run. It is checked again then, and if it
    is gone, nothing is left to hide and the job goes on (such a job used to fail to start,
    and its notebook scored 0)."""
    import errno

    libc = _libc()
    hidden = []
    for path in paths:
        encoded = os.fsencode(path)
        for attempt in range(100):
            if os.path.isdir(path):
                flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
                result = libc.mount(b"tmpfs", encoded, b"tmpfs", flags, b"size=4k,mode=555")
            elif os.path.isfile(path):
                result = libc.mount(b"/dev/null", encoded, None, MS_BIND, None)
            else:
                break  # not there (any more): nothing to hide
            if result == 0:
                hidden.append(path)
                break
            error = ctypes.get_errno()
            if not os.path.lexists(path):
                break  # gone since it was checked
            if error != errno.ENOENT or attempt == 99:  # ENOENT: gone, and back already
                raise OSError(error, f"{path}: {os.strerror(error)}")
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


def lease_uid(first: int = FIRST_SANDBOX_UID) -> tuple[int, int]:
    """The lowest sandbox user id from ``first`` that no grader on this machine holds, and the
    file descriptor whose ``flock`` holds it; close that descriptor to give the id back.
    The kernel drops the lock when its holder dies, however it dies."""
    import fcntl

    folder = UID_LEASES if os.path.isdir(os.path.dirname(UID_LEASES)) else "/tmp/autograder-uids"
    os.makedirs(folder, mode=0o700, exist_ok=True)
    for uid in range(first, FIRST_SANDBOX_UID + SANDBOX_UIDS):
        descriptor = os.open(f"{folder}/{uid}", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        return uid, descriptor
    raise RuntimeError(f"every sandbox user id from {first} is in use by a grading job")


def can_switch_user() -> bool:
    """Do jobs get a user each? As root: on Linux, where the job's mount namespace makes the
    installation reachable even from /root, or where that user can read it anyway."""
    if os.geteuid() != 0:
        return False
    return sys.platform.startswith("linux") or _readable_by_others(_installation_folders())


def _installation_folders() -> list[str]:
    """What a job must be able to read: the standard library, site-packages and the course's
    own packages."""
    import numpy

    import autograder

    folders = {os.path.dirname(os.__file__), os.path.dirname(os.path.dirname(numpy.__file__))}
    folders.add(os.path.dirname(os.path.dirname(autograder.__file__)))
    return sorted(os.path.realpath(f) for f in folders)


def _import_folders() -> list[str]:
    """The other folders on ``sys.path``: made reachable where they can be, not required."""
    return sorted({os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)})


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


# --------------------------------------------------------------------------------------
# The job's own PID namespace and file system


def _fork_into_namespace() -> None:
    """Fork; return in the child, which is PID 1 of the new PID namespace (``_unshare`` made
    it). This process stays outside as the job's reaper: it keeps nothing open, passes the
    grader's interrupts on, and ends as the job ends (the same exit status or signal), so the
    grader sees the job's death as before. When the job's PID 1 ends, the kernel kills every
    process left in the namespace: nothing a job starts outlives it."""
    import signal

    pid = os.fork()
    if pid == 0:
        return
    # The reaper dies with the fork server (which dies with the grader), and the job with it.
    _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 256))
    for fd in fds:
        if fd > 2:
            with contextlib.suppress(OSError):
                os.close(fd)

    def forward(signum, frame) -> None:
        with contextlib.suppress(OSError):
            os.kill(pid, signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            os._exit(1)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [number])
        os.kill(os.getpid(), number)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


O_PATH = getattr(os, "O_PATH", 0o10000000)
DEVICES = ("null", "zero", "full", "random", "urandom")


def _outermost(paths: list[str]) -> list[str]:
    """The paths not inside another of them."""
    paths = sorted(set(paths))
    return [
        p for p in paths if not any(p != q and p.startswith(q.rstrip("/") + "/") for q in paths)
    ]


def _blocking_ancestors(paths: list[str]) -> list[str]:
    """The folders that an unprivileged user cannot enter on the way to ``paths`` (``/root``)."""
    blocking = []
    for path in paths:
        current = os.path.dirname(os.path.abspath(path))
        while current != "/":
            try:
                if os.stat(current).st_mode & 0o001 == 0:
                    blocking.append(current)
            except OSError:
                pass
            current = os.path.dirname(current)
    return blocking


def _cover_keeping(covers: list[str], keep: list[str], size: str = "64m") -> None:
    """Replace each folder in ``covers`` with a fresh tmpfs that others may enter, holding only
    the ``keep`` paths inside it, bound back from the real ones (read-only later)."""
    libc = _libc()
    covers = _outermost(covers)

    def contains(outer: str, inner: str) -> bool:
        return inner == outer or inner.startswith(outer.rstrip("/") + "/")

    # A kept folder that holds a cover (the temporary folder on sys.path) keeps only what is
    # inside that cover: the cover wins.
    keep = [p for p in keep if os.path.isdir(p) and not any(contains(p, c) for c in covers)]
    keep = _outermost(keep)
    for cover in covers:
        inside = [p for p in keep if p.startswith(cover.rstrip("/") + "/")]
        handles = {path: os.open(path, O_PATH | os.O_DIRECTORY) for path in inside}
        try:
            options = f"size={size},mode=755".encode()
            flags = MS_NOSUID | MS_NODEV
            _check(libc.mount(b"tmpfs", os.fsencode(cover), b"tmpfs", flags, options), cover)
            for path, handle in handles.items():
                os.makedirs(path, mode=0o755, exist_ok=True)
                origin = f"/proc/self/fd/{handle}".encode()
                _check(libc.mount(origin, os.fsencode(path), None, MS_BIND | MS_REC, None), path)
        finally:
            for handle in handles.values():
                os.close(handle)


def _minimal_dev(shm_bytes: int) -> None:
    """A /dev with the harmless devices only, and a private /dev/shm of bounded size."""
    libc = _libc()
    handles = {
        name: os.open(f"/dev/{name}", O_PATH) for name in DEVICES if os.path.exists(f"/dev/{name}")
    }
    try:
        _check(libc.mount(b"tmpfs", b"/dev", b"tmpfs", MS_NOSUID, b"size=64k,mode=755"), "/dev")
        for name, handle in handles.items():
            target = f"/dev/{name}"
            with open(target, "w"):
                pass
            origin = f"/proc/self/fd/{handle}".encode()
            _check(libc.mount(origin, os.fsencode(target), None, MS_BIND, None), target)
    finally:
        for handle in handles.values():
            os.close(handle)
    os.mkdir("/dev/shm", 0o1777)
    options = f"size={max(shm_bytes // 1024, 64)}k,mode=1777".encode()
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    _check(libc.mount(b"tmpfs", b"/dev/shm", b"tmpfs", flags, options), "/dev/shm")
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        os.symlink(target, f"/dev/{name}")


def _own_proc_and_sys() -> None:
    """/proc shows the job's own processes only; /proc/sys and /sys cannot be written."""
    libc = _libc()
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    _check(libc.mount(b"proc", b"/proc", b"proc", flags, None), "/proc")
    _check(libc.mount(b"/proc/sys", b"/proc/sys", None, MS_BIND | MS_REC, None), "/proc/sys")
    remount = MS_REMOUNT | MS_BIND | MS_RDONLY | flags
    _check(libc.mount(None, b"/proc/sys", None, remount, None), "/proc/sys read-only")
    if os.path.isdir("/sys"):
        _check(
            libc.mount(b"tmpfs", b"/sys", b"tmpfs", MS_RDONLY | flags, b"size=4k,mode=555"), "/sys"
        )


def _private_file_system(
    cwd: str, hidden_paths: list[str], for_another_user: bool, limits: Limits
) -> list[str]:
    """Build the job's view of the file system (in its own mount namespace); what was done."""
    import tempfile

    libc = _libc()
    # Mounts made here must not leak back to the host's namespace.
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate")
    done = []
    needed = _installation_folders()
    wanted = [*needed, *_import_folders()]
    # The temporary folder holds the fork server's socket and the other jobs' scratch
    # folders: the job sees a fresh one with its own scratch folder only.
    covers = [os.path.realpath(tempfile.gettempdir())]
    if for_another_user:
        # A Python under /root: the job's user may enter /root, and find only Python there.
        covers += _blocking_ancestors([*needed, cwd])
    _cover_keeping(covers, [*wanted, cwd])
    done.append("private temporary folder")
    if _hide(hidden_paths):
        done.append("private files hidden")
    for step, name in (
        (_own_proc_and_sys, "own /proc, read-only /proc/sys, no /sys"),
        (lambda: _minimal_dev(limits.file_size_bytes), "minimal /dev, private /dev/shm"),
    ):
        try:
            step()
            done.append(name)
        except OSError as error:  # e.g. a container that masks /proc: said in the report
            done.append(f"NOT {name} ({error.strerror})")
    if _read_only_except(os.path.realpath(cwd)):
        done.append("read-only file system outside the scratch folder")
    return done


# --------------------------------------------------------------------------------------
# System calls


# Refused with EPERM: tracing and reading other processes, namespaces and mounts, kernel
# keyrings, BPF, performance counters, module loading, and new sockets (the fork server's,
# a network's, a pair to smuggle file descriptors). The job keeps its result pipe.
REFUSED_SYSCALLS = (
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    "pidfd_open",
    "pidfd_send_signal",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "unshare",
    "setns",
    "open_by_handle_at",
    "name_to_handle_at",
    "fsopen",
    "fsmount",
    "fsconfig",
    "fspick",
    "move_mount",
    "open_tree",
    "mount_setattr",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "add_key",
    "request_key",
    "keyctl",
    "socket",
    "socketpair",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "syslog",
    "acct",
    "quotactl",
    "lookup_dcookie",
    "settimeofday",
    "clock_settime",
    "clock_adjtime",
    "adjtimex",
)


def _seccomp() -> None:
    """Install the system-call filter (libseccomp, through ``pyseccomp``). Needs
    ``no_new_privs``, which also keeps set-uid programs from raising privileges."""
    import errno

    import pyseccomp as seccomp

    refuse = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in REFUSED_SYSCALLS:
        with contextlib.suppress(Exception):  # a call this kernel or libseccomp lacks
            rules.add_rule(refuse, name)
    # clone3 hides its flags in memory a filter cannot read: "not implemented" makes the C
    # library fall back to clone, whose flags are checked: no new namespaces.
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    for flag in (
        CLONE_NEWNS,
        CLONE_NEWIPC,
        CLONE_NEWUSER,
        CLONE_NEWPID,
        CLONE_NEWNET,
        CLONE_NEWCGROUP,
        CLONE_NEWUTS,
    ):
        rules.add_rule(refuse, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    rules.load()


PR_SET_PDEATHSIG = 1


def enter(
    cwd: str,
    limits: Limits,
    env: dict[str, str],
    hidden_paths: list[str] | tuple[str, ...] = (),
    uid: int | None = None,
    keep_fds: list[int] | tuple[int, ...] = (),
) -> list[str]:
    """Confine the current (child) process; call before running any learner code.

    On Linux with namespaces this forks: the caller's process stays outside as the job's
    reaper (it never returns from here), and the function returns in the confined child.
    Returns the protections in force, e.g. ``["own PID namespace", "user 64001", ...]``;
    ``"NOT ISOLATED"`` leads the list where namespaces were not available.
    """
    global _hidden_prefixes
    import signal

    protections = []
    os.setpgrp()
    hidden_paths = [os.path.abspath(p) for p in hidden_paths]
    as_root = os.geteuid() == 0
    isolated = False
    if sys.platform.startswith("linux"):
        try:
            _unshare(as_root)
            isolated = True
        except OSError:
            pass
    if isolated:
        _fork_into_namespace()
        protections += ["own PID namespace", "no network", "own IPC namespace"]
        protections += _private_file_system(cwd, hidden_paths, uid is not None, limits)
    else:
        protections.append("NOT ISOLATED: no namespaces on this system")
    switched = False
    if as_root:
        reachable = [*_installation_folders(), os.path.dirname(cwd)]
        if uid is not None and _readable_by_others(reachable):
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            protections.append(f"user {uid}")
            _limit(resource.RLIMIT_NPROC, int(limits.max_processes))
            switched = True
        else:
            if uid is not None:  # the scratch folder was made for that user
                for folder, dirs, files in os.walk(cwd):
                    for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
                        os.lchown(name, 0, 0)
            _drop_capabilities()
            protections.append("root without capabilities")
    libc = _libc()
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(no_new_privs)")
    if switched or isolated:
        # Cleared by a change of user, so set after it: the job dies with its reaper.
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    try:
        _seccomp()
        protections.append("system call filter")
    except Exception as error:  # noqa: BLE001 - no libseccomp here: said, not hidden
        protections.append(f"NO system call filter ({type(error).__name__})")
    _limit(resource.RLIMIT_CPU, int(limits.cpu_seconds))
    _limit(resource.RLIMIT_AS, int(limits.memory_bytes))
    _limit(resource.RLIMIT_FSIZE, int(limits.file_size_bytes))
    protections.append("limits")
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
    # Names what was tried, in the feedback; the kernel does the refusing.
    sys.addaudithook(_audit)
    protections.append("audit hook")
    return protections

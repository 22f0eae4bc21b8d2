"""Runs a command and ties its life to the parent's: it ends when stdin reaches end-of-file.

The local cloud starts its emulators in process groups of their own, so a terminal's Ctrl-C
reaches only the orchestrator, which saves state before it stops them. The price is that the
emulators no longer die with the terminal's signal; if the orchestrator itself dies (a crash,
`kill -9`) they must still go. The orchestrator holds the only write end of this process's
stdin pipe; the kernel closes it however the orchestrator ends, so end-of-file here means the
parent is gone. Unlike polling the parent pid (which can be reused) or PR_SET_PDEATHSIG (Linux
only, and tied to the parent *thread*), this needs no timer and works on macOS too.

usage: python3 watchdog.py COMMAND [ARGS...]

On end-of-file, SIGTERM or SIGINT the command gets SIGTERM, then SIGKILL after 5 s; this exits
with the command's status.
"""

import os
import signal
import subprocess
import sys
import threading


def main():
    child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL)
    done = threading.Event()

    def stop(*_):
        done.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def watch_stdin():
        # Blocks until the parent closes its end (or dies); whatever it writes is ignored.
        while os.read(0, 4096):
            pass
        done.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Thread(target=lambda: (child.wait(), done.set()), daemon=True).start()
    done.wait()
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    sys.exit(child.returncode if child.returncode >= 0 else 128 - child.returncode)


if __name__ == "__main__":
    main()

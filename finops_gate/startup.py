"""The start-up of a command (issue 18): the cyclic garbage collector is paused while the
modules of the command line are imported.

Importing creates tens of thousands of objects (classes, functions, their namespaces), none of
them garbage; each collection their allocations trigger walks the ones made before again
(about 5% of a one-resource plan run, ``bench/bench_startup.py``). cli.py imports this module
before any other (it imports nothing but ``gc``), which pauses the collector, and resumes it
when its own imports are done; the modules a command imports later are imported under
``Paused()``."""

from __future__ import annotations

import gc

_COLLECTING = gc.isenabled()
gc.disable()


def resume() -> None:
    """The collector as it was before this module paused it, what was imported meanwhile
    counted as old: moved to the oldest generation without a pass over it (frozen, then
    unfrozen at once; only when nothing else is frozen), which only a full collection
    examines, as it would have after the passes the imports would have triggered."""
    if not _COLLECTING:
        return
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
    gc.enable()


class Paused:
    """``with Paused():`` no collection while the block runs (imports), the collector as it
    was after."""

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._was_enabled:
            gc.enable()

"""The import's own cost, in one process, without the command's start-up.

Wires the services exactly as ``upright import`` does (``cli.context.services``: settings, the
database and its migrations), then times only ``import_files`` for each file in turn (CPU
seconds of this process). Prints one JSON line: [{"path", "cpu_s", "status", "activities"}].

Usage: UPRIGHT_DATA_DIR=<new dir> .venv/bin/python bench/inprocess_import.py FILE [FILE ...]
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    from upright.cli.context import services
    from upright.services.imports import import_files

    svc = services()
    out = []
    for path in sys.argv[1:]:
        start = time.process_time()
        report = import_files(
            svc.uow, svc.actor, svc.actor.person_id, [path], svc.clock.now(), files=svc.files
        )
        cpu = time.process_time() - start
        f = report.files[0]
        out.append(
            {"path": path, "cpu_s": cpu, "status": f.status, "activities": len(f.activities)}
        )
    print(json.dumps(out))  # noqa: T201


if __name__ == "__main__":
    main()

"""Open every worksheet of an .xlsx file with python-calamine, in a process capped in memory.

    python -P sheet_probe.py WORKBOOK MAX_MB

Run by `limits.check_sheet_memory` as a child process, before the workbook is read
for real. It exits 0 when every sheet fits under MAX_MB, or when calamine finds the
file broken (the real read then reports that); it exits with TOO_LARGE, or dies of
the abort with which calamine meets a failed allocation, when a sheet does not fit.
It prints each sheet's name (as JSON, one line) before it opens it, so that the last
line printed names the sheet that did not fit.
It imports nothing from Overgang, so that starting it costs a few hundredths of a second.
"""

from __future__ import annotations

import json
import resource
import sys

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

TOO_LARGE = 3


def main(path: str, max_mb: int) -> None:
    cap = max_mb * 1024 * 1024
    # Address space, not resident memory: an allocation beyond it fails at once
    # instead of the machine swapping or the OOM killer acting.
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core dump
    try:
        with CalamineWorkbook.from_path(path) as workbook:
            for sheet in workbook.sheets_metadata:
                if sheet.typ == SheetTypeEnum.WorkSheet:
                    print(json.dumps(sheet.name), flush=True)
                    workbook.get_sheet_by_name(sheet.name)  # held, then dropped
    except CalamineError:
        return
    except MemoryError:
        sys.exit(TOO_LARGE)
    except BaseException as exc:
        # calamine panics on some broken files: no memory trouble either.
        if type(exc).__name__ != "PanicException":
            raise


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

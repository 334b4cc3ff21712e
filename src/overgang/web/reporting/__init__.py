"""The reports' loader: builds the frozen records `overgang.reports` renders, from the database.

Every query and every scoping decision for a report is here; the renderers read
no database. Pages and commands call `documents` (load, then render, in the
report's language), or a loader and then a renderer themselves.

- `sources`: the status report's, the letters' and the lists' records; the plan to report on.
- `handovers`: the handover lists' records, every caseworker's or one's only.
- `consultations`, `comparison`: the consultation compilation's and the comparison's.
- `visible`: which letters and handover lists a user may have.
- `documents`: each document, loaded and rendered.
"""

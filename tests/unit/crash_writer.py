"""Child process for the crash test: logs activities as fast as it can and prints
each id once its save has returned (i.e. committed with synchronous=FULL)."""

import sys

from accomp.paths import AppPaths
from accomp.services import activities, vaults

vault = vaults.unlock(AppPaths.at(sys.argv[1]), sys.argv[2])
print("ready", flush=True)
n = 0
while True:
    n += 1
    out = activities.log_activity(
        vault,
        {"date": "2026-11-20", "duration_min": 15 + n % 100, "place_type": "LieuActivite",
         "themes": ["Email"], "notes": f"note {n}"},
    )
    print(out.id, flush=True)

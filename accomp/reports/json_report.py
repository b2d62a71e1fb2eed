"""Summary as JSON, in the documented shape (docs/exports.md):

{"period": {"from", "to"}, "k": 5, "tables": [{"name", "dimensions": [...],
 "rows": [{<dimension>: key, "count": int|null, "suppressed": bool}],
 "total": int|null}]}

plus descriptive keys (format, source, filters, method, title, unit...). Every count
went through the cell-key perturbation table ("perturbed": true unless it is an
exact zero); "suppressed" is always false since accomp-summary/2. A summary of
demo data has "source": "demo" (and "origin": vault or consolidation).
"""

from __future__ import annotations

import json
from typing import Any

from accomp.domain.vocab import Lang
from accomp.reports.summary import Summary, table_title
from accomp.reports.texts import is_demo, method_text, produced_text

FORMAT = "accomp-summary/2"


def summary_dict(summary: Summary, lang: Lang = "fr") -> dict[str, Any]:
    return {
        "format": FORMAT,
        "source": "demo" if is_demo(summary) else summary.source,
        "origin": summary.source,
        "demo": is_demo(summary),
        "generated_at": summary.generated_at.isoformat(),
        "produced": produced_text(summary, lang),
        "period": {"from": summary.date_from.isoformat(), "to": summary.date_to.isoformat()},
        "k": summary.k,
        "filters": dict(summary.filters),
        "inputs": dict(summary.inputs),
        "method": method_text(summary, lang),
        "tables": [
            {
                "name": t.name,
                "title": table_title(t, lang),
                "unit": t.unit,
                "dimensions": list(t.dimensions),
                "multi_valued": t.multi_valued,
                "rows": [
                    {t.dimension: r.category, "count": r.count, "suppressed": r.suppressed,
                     "perturbed": r.perturbed}
                    for r in t.rows
                ],
                "total": t.total,
                "total_suppressed": t.total_suppressed,
                "total_perturbed": t.total_perturbed,
            }
            for t in summary.tables
        ],
    }


def summary_json(summary: Summary, lang: Lang = "fr") -> bytes:
    return (json.dumps(summary_dict(summary, lang), ensure_ascii=False, indent=1) + "\n").encode(
        "utf-8"
    )

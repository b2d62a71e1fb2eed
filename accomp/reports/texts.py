"""Sentences shared by the human formats (XLSX cover sheet, PDF, JSON "method")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accomp.domain.vocab import Lang, vocabulary
from accomp.reports.summary import Summary, category_label, dimension_label


def date_text(day: object, lang: Lang) -> str:
    iso = str(day)
    if lang == "fr":
        year, month, dd = iso.split("-")
        return f"{dd}/{month}/{year}"
    return iso


def period_text(summary: Summary, lang: Lang = "fr") -> str:
    start, end = date_text(summary.date_from, lang), date_text(summary.date_to, lang)
    return f"du {start} au {end}" if lang == "fr" else f"from {start} to {end}"


def k_text(summary: Summary, lang: Lang = "fr") -> str:
    if lang == "fr":
        return f"Seuil de secret statistique : k = {summary.k}"
    return f"Disclosure threshold: k = {summary.k}"


def filters_text(summary: Summary, lang: Lang = "fr") -> str:
    if not summary.filters:
        return "aucun" if lang == "fr" else "none"
    names = {"theme": "theme", "place_type": "place_type", "autonomy": "autonomy",
             "kind": "kind"}
    return ", ".join(
        f"{dimension_label(names.get(k, k), lang)} = {category_label(names.get(k, k), v, lang)}"
        for k, v in summary.filters.items()
    )


def source_text(summary: Summary, lang: Lang = "fr") -> str:
    if summary.source == "consolidation":
        files = summary.inputs.get("files", 0)
        rows = summary.inputs.get("rows", 0)
        if lang == "fr":
            return f"Consolidation de {files} fichier(s) d'activités anonymisées ({rows} lignes)"
        return f"Consolidation of {files} anonymised activity file(s) ({rows} rows)"
    return "Journal d'un poste (coffre chiffré)" if lang == "fr" else (
        "One worker's logbook (encrypted vault)")


def protection_note(lang: Lang = "fr") -> str:
    """One line under each table: how its figures were protected."""
    if lang == "fr":
        return ("Valeurs protégées par une légère perturbation (zéros exacts) : les lignes "
                "ne s'additionnent pas exactement au total.")
    return ("Figures protected by a small perturbation (zeros are exact): rows do not add "
            "up exactly to the total.")


def method_text(summary: Summary, lang: Lang = "fr") -> str:
    k = summary.k
    if lang == "fr":
        return (
            "Protection par clé de cellule (méthode des instituts statistiques : ABS, "
            "recensement britannique de 2021, Destatis). Les zéros sont exacts. Aucun "
            f"nombre entre 1 et {k - 1} n'est publié : un tel nombre est publié « {k} ». "
            "Les autres nombres reçoivent un léger bruit (le plus souvent 0 ou ±1, "
            f"au plus ±{k + 1}), toujours le même pour les mêmes personnes ou activités, "
            "si bien qu'aucune comparaison entre tableaux ou entre périodes ne permet "
            "de retrouver un petit effectif. En conséquence, les lignes d'un tableau ne "
            "s'additionnent pas exactement à son total ; un même total a la même valeur "
            "dans tous les tableaux. Le temps passé reçoit un bruit d'au plus "
            f"{2 * (k + 1)} heures (le plus souvent moins de {max(1, 2 * (k + 1) // 5)} h). "
            "Les tableaux "
            "« par thème », « par démarche » et les bénéficiaires par mois, type, lieu… "
            "comptent une personne ou une activité dans chaque catégorie où elle figure : "
            "ils n'ont pas de total. Les tranches d'âge sont celles atteintes l'année de "
            "fin de la période."
        )
    return (
        "Protected with cell keys (the method of statistical offices: ABS, the UK 2021 "
        f"Census, Destatis). Zeros are exact. No number from 1 to {k - 1} is published: "
        f"such a number is published as “{k}”. Other numbers get a small noise (mostly "
        f"0 or ±1, at most ±{k + 1}), always the same for the same people or activities, "
        "so that no comparison between tables or periods gives a small count back. As a "
        "result, the rows of a table do not add up exactly to its total; a total has "
        f"the same value in every table. Time spent gets a noise of at most {2 * (k + 1)} "
        f"hours (mostly under {max(1, 2 * (k + 1) // 5)} h). Tables "
        "by theme, by administrative topic, and beneficiaries by month, kind, place… "
        "count a person or an activity in every category it falls in: they have no "
        "total. Age bands are those reached in the year the period ends."
    )


_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def produced_text(summary: Summary, lang: Lang = "fr", tz: dt.tzinfo | None = None) -> str:
    """When the file was produced, in the reader's words and local time
    ("3 décembre 2026 à 15 h 04"); `tz` defaults to the machine's zone."""
    at = summary.generated_at
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    local = at.astimezone(tz)
    if lang == "fr":
        day = "1er" if local.day == 1 else str(local.day)
        return f"{day} {_MONTHS_FR[local.month - 1]} {local.year} à {local:%H} h {local:%M}"
    return f"{local.day} {_MONTHS_EN[local.month - 1]} {local.year} at {local:%H:%M}"


def is_demo(summary: Summary) -> bool:
    """Whether the summary counts made-up demo data (accomp --demo)."""
    return bool(summary.inputs.get("demo"))


DEMO_TEXT = {"fr": "DÉMO : données fictives, à ne pas transmettre",
             "en": "DÉMO (demo): made-up data, not to be passed on"}


def structure_text(summary: Summary, lang: Lang = "fr") -> str:
    """The structure's name and type, or what the file says when they are unknown."""
    name = str(summary.inputs.get("structure") or "")
    typology = str(summary.inputs.get("structure_typology") or "")
    kind = vocabulary().label("structure_typologies", typology, lang) if typology else ""
    if name and kind:
        return f"{name} ({kind})"
    if name or kind:
        return name or kind
    if summary.source == "consolidation":
        return "Équipe (consolidation)" if lang == "fr" else "Team (consolidation)"
    return "Structure non renseignée" if lang == "fr" else "Organisation not set"


def coverage_lines(summary: Summary, lang: Lang = "fr") -> list[str]:
    """One line per worker of a consolidation: id, period covered, files, rows."""
    lines = []
    coverage: Any = summary.inputs.get("coverage") or []
    for c in coverage:
        start, end = date_text(c["period_from"], lang), date_text(c["period_to"], lang)
        worker = str(c["worker_id"])[:8]
        if lang == "fr":
            lines.append(f"Poste {worker} : du {start} au {end}, {c['files']} fichier(s), "
                         f"{c['rows']} ligne(s)")
        else:
            lines.append(f"Worker {worker}: from {start} to {end}, {c['files']} file(s), "
                         f"{c['rows']} row(s)")
    return lines

"""Business rules that need more than one field or the current date."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn, BeneficiaryIn
from accomp.domain.vocab import ADMIN_THEME, vocabulary

EARLIEST_ACTIVITY = dt.date(2000, 1, 1)
EARLIEST_BIRTH_YEAR = 1900

M = TypeVar("M", bound=BaseModel)

_PYDANTIC_TO_CODE = {
    "missing": "required",
    "string_too_long": "too_long",
    "too_long": "too_long",
    "too_short": "required",
    "greater_than_equal": "out_of_range",
    "less_than_equal": "out_of_range",
}


def parse(model: type[M], data: Any) -> M:
    """Validate `data` into `model`, turning the first problem into a KnownError that
    names the field and never echoes the value (pydantic's own messages do)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _known_from(exc, model) from None


def _known_from(exc: ValidationError, model: type[BaseModel]) -> KnownError:
    err = exc.errors(include_input=False, include_url=False)[0]
    loc = [str(part) for part in err["loc"] if isinstance(part, str)]
    field = _top_field(loc)
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        code = str(ctx.get("error", "invalid"))
        known = code in {"required", "control_chars", "not_in_list"}
        return KnownError(code if known else "invalid", field)
    code = _PYDANTIC_TO_CODE.get(kind, "invalid")
    if code == "too_long" and "max_length" in ctx:
        return KnownError("too_long", field, max=ctx["max_length"])
    if code == "out_of_range":
        fld = model.model_fields.get(field)
        lo, hi = _bounds(fld.metadata if fld else [])
        if lo is not None and hi is not None:
            return KnownError("out_of_range", field, min=lo, max=hi)
        return KnownError("invalid", field)
    if code == "too_long":
        return KnownError("invalid", field)
    return KnownError(code, field)


def _top_field(loc: list[str]) -> str:
    if not loc:
        return "kind"
    if loc[0] == "commune":
        return {"postal_code": "commune_postal_code", "insee": "commune_insee"}.get(
            loc[1] if len(loc) > 1 else "name", "commune_name"
        )
    if loc[0] == "anonymous":
        sub = loc[1] if len(loc) > 1 else "total"
        return {"total": "anon_total", "already_supported": "anon_already_supported",
                "by_gender": "anon_by_gender", "by_age_band": "anon_by_age_band",
                "by_status": "anon_by_status"}.get(sub, "anon_total")
    return loc[0]


def _bounds(metadata: list[Any]) -> tuple[int | None, int | None]:
    lo = hi = None
    for m in metadata:
        lo = getattr(m, "ge", lo)
        hi = getattr(m, "le", hi)
    return lo, hi


def check_date(value: dt.date, field: str, today: dt.date,
               earliest: dt.date = EARLIEST_ACTIVITY) -> None:
    if value > today:
        raise KnownError("date_future", field)
    if value < earliest:
        raise KnownError("date_too_old", field, min=earliest.strftime("%d/%m/%Y"))


def check_activity(a: ActivityIn, today: dt.date) -> None:
    """Raise the first KnownError found in an activity, naming its field."""
    check_date(a.date, "date", today)
    if a.place_type in vocabulary().places_needing_commune and a.commune is None:
        raise KnownError("commune_required", "commune_name")
    if a.admin_themes and ADMIN_THEME not in a.themes:
        raise KnownError("admin_themes_without_admin", "admin_themes")
    if a.procedure_details and ADMIN_THEME not in a.themes:
        raise KnownError("admin_themes_without_admin", "procedure_details")
    if a.kind == "Individuel":
        for name in ("workshop_title", "level"):
            if getattr(a, name) is not None:
                raise KnownError("kind_mismatch", name)
        if a.participant_ids:
            raise KnownError("kind_mismatch", "participant_ids")
        if a.anonymous.total:
            raise KnownError("kind_mismatch", "anon_total")
        if a.referred and a.referral_target is None:
            raise KnownError("referral_target_required", "referral_target")
        if not a.referred and a.referral_target is not None:
            raise KnownError("invalid", "referral_target")
    else:
        for name in ("beneficiary_id", "autonomy", "referral_target", "completion"):
            if getattr(a, name) is not None:
                raise KnownError("kind_mismatch", name)
        if a.referred:
            raise KnownError("kind_mismatch", "referred")
        if a.workshop_title is None:
            raise KnownError("required", "workshop_title")
        check_head_counts(a)


def check_head_counts(a: ActivityIn) -> None:
    anon = a.anonymous
    if anon.already_supported > anon.total:
        raise KnownError("headcount_inconsistent", "anon_already_supported")
    for name in ("by_gender", "by_age_band", "by_status"):
        if sum(getattr(anon, name).values()) > anon.total:
            raise KnownError("headcount_inconsistent", f"anon_{name}")
    if anon.total + len(a.participant_ids) < 1:
        raise KnownError("no_participant", "anon_total")


def check_beneficiary(b: BeneficiaryIn, today: dt.date) -> None:
    if b.birth_year is not None and not EARLIEST_BIRTH_YEAR <= b.birth_year <= today.year:
        raise KnownError("out_of_range", "birth_year", min=EARLIEST_BIRTH_YEAR, max=today.year)
    if b.informed_on is not None:
        check_date(b.informed_on, "informed_on", today)
    if b.has_identity() and (b.legal_basis is None or b.informed_on is None):
        raise KnownError("identity_needs_basis", "legal_basis")


def age_band(birth_year: int | None, today: dt.date) -> str:
    """Age band of the CRA from a birth year (age reached during the current year)."""
    if birth_year is None:
        return "NonCommunique"
    age = today.year - birth_year
    for limit, band in ((12, "MoinsDeDouze"), (18, "DouzeDixHuit"), (25, "DixHuitVingtQuatre"),
                        (40, "VingtCinqTrenteNeuf"), (60, "QuaranteCinquanteNeuf"),
                        (70, "SoixanteSoixanteNeuf")):
        if age < limit:
            return band
    return "SoixanteDixPlus"


def duration_bucket(minutes: int) -> str:
    if minutes < 30:
        return "30"
    if minutes < 60:
        return "60"
    if minutes < 120:
        return "120"
    return "more"

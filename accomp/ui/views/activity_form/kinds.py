"""The values the activity form's modules share."""

from __future__ import annotations

TOPIC = "activities"
CUSTOM_DURATION = -1
INDIVIDUAL = "Individuel"
COLLECTIVE = "Collectif"
# What the form shows and edits; any other field of a stored session (added by other
# screens, e.g. consent to share data with a referral) is kept as it was on edit.
MANAGED_FIELDS = frozenset({
    "kind", "date", "duration_min", "place_type", "commune", "themes", "admin_themes",
    "procedure_details", "equipment", "notes", "beneficiary_id", "autonomy", "referred",
    "referral_target", "completion", "workshop_title", "level", "participant_ids",
    "anonymous", "referral_shares_data", "under_mandate_scope",
})

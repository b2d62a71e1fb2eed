"""Create or edit a beneficiary file.

Statistical attributes (gender, age band, status, commune) can always be given.
Identity (names, phone, e-mail, birth year) and the sensitive notes open only once a
legal basis is chosen and the date the person was informed is given: the form says
so next to those fields, and sends no identity otherwise.

Before saving, the files that may already be this person (similar name, same phone
or e-mail) are listed: the worker opens the existing file instead, or saves anyway.
Refusals are shown next to the field concerned; nothing is written then.
"""

from accomp.ui.dialogs.beneficiary_form.dialog import NOT_GIVEN, TOPIC, BeneficiaryDialog
from accomp.ui.dialogs.beneficiary_form.inputs import parse_date

__all__ = ["NOT_GIVEN", "TOPIC", "BeneficiaryDialog", "parse_date"]

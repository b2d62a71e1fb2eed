"""Demonstration data: a realistic, entirely synthetic logbook.

`generate_demo` fills an empty vault with about eighteen months of a digital
mediator's work in and around one mid-size town (Châtellerault, Vienne): files of
people of every age and origin, individual sessions (some anonymous), workshops
with tracked and anonymous participants. Every person, name, phone number, e-mail
address and note is invented:

- phone numbers are in the blocks ARCEP reserves for fiction (06 39 98 xx xx,
  05 36 49 xx xx): they can never ring anyone;
- e-mail addresses are at example.org / example.net / example.com (RFC 2606);
- names are common first names and surnames drawn independently;
- notes are short generic sentences with no name, health or family detail.

The same seed and `today` give the same data. Every row is validated through the
domain models and rules, as if typed in a form, then inserted in bulk in one
transaction with a single journal event.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, TypeVar

from sqlmodel import func, insert, select

from accomp.domain import communes
from accomp.domain.errors import KnownError
from accomp.domain.models import ActivityIn, BeneficiaryIn
from accomp.domain.rules import age_band, check_activity, check_beneficiary
from accomp.domain.text import fold, search_key
from accomp.domain.vocab import ADMIN_THEME
from accomp.services import structure
from accomp.store import audit
from accomp.store.tables import Activity, ActivityParticipant, Beneficiary
from accomp.store.vault import Vault

log = logging.getLogger("accomp.services.demo")

T = TypeVar("T")

PERIOD_DAYS = 548  # eighteen months
TOWN_INSEE = "86066"  # Châtellerault
NEARBY_POSTAL_CODES = ("86100", "86530", "86220", "86210", "86140", "86230", "86270", "86490")
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

# ---------------------------------------------------------------------------
# Embedded lists (invented combinations of common names)

_FIRST_F: dict[str, tuple[str, ...]] = {
    "fr_old": ("Monique", "Jacqueline", "Françoise", "Josiane", "Nicole", "Danielle",
               "Michèle", "Colette", "Christiane", "Annie", "Martine", "Bernadette", "Odile",
               "Ginette", "Yvette", "Simone", "Paulette", "Denise", "Marie-Thérèse", "Huguette"),
    "fr_mid": ("Nathalie", "Isabelle", "Sandrine", "Valérie", "Sylvie", "Stéphanie", "Céline",
               "Véronique", "Karine", "Laurence", "Christelle", "Aurélie", "Émilie", "Virginie",
               "Delphine"),
    "fr_young": ("Léa", "Manon", "Chloé", "Camille", "Emma", "Inès", "Jade", "Clara", "Lucie",
                 "Océane", "Anaïs", "Mathilde", "Pauline", "Zoé", "Louise"),
    "maghreb": ("Fatima", "Khadija", "Aïcha", "Nadia", "Samira", "Malika", "Yasmina", "Leïla",
                "Souad", "Naïma", "Rachida", "Meriem", "Salma", "Nour", "Amina"),
    "iberian": ("Maria", "Ana", "Isabel", "Fernanda", "Conceição", "Lucia", "Rosa", "Carmen",
                "Sofia", "Beatriz"),
    "west_africa": ("Aminata", "Fatoumata", "Mariam", "Awa", "Kadiatou", "Aïssatou", "Bintou",
                    "Ramatoulaye", "Hawa"),
    "turkish": ("Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Hatice", "Merve"),
    "east": ("Olena", "Iryna", "Natalia", "Oksana", "Svitlana", "Elena", "Ioana", "Mihaela",
             "Tetiana"),
    "asia": ("Thi Lan", "Mai", "Linh", "Hoa", "Thu", "Ngoc"),
}
_FIRST_M: dict[str, tuple[str, ...]] = {
    "fr_old": ("Jean", "Michel", "Gérard", "Bernard", "Jacques", "Daniel", "Alain", "Claude",
               "Roger", "René", "André", "Marcel", "Jean-Pierre", "Guy", "Robert", "Gilbert",
               "Maurice", "Henri", "Raymond", "Jean-Claude"),
    "fr_mid": ("Philippe", "Thierry", "Pascal", "Laurent", "Stéphane", "Frédéric", "Christophe",
               "Éric", "Olivier", "David", "Sébastien", "Nicolas", "Franck", "Patrice",
               "Fabrice"),
    "fr_young": ("Lucas", "Hugo", "Nathan", "Théo", "Enzo", "Louis", "Jules", "Tom", "Maxime",
                 "Kévin", "Dylan", "Antoine", "Mathis", "Noah", "Baptiste"),
    "maghreb": ("Mohamed", "Ahmed", "Karim", "Rachid", "Samir", "Mustapha", "Abdelkader",
                "Youssef", "Mehdi", "Nordine", "Farid", "Hakim", "Bilal", "Omar", "Ali"),
    "iberian": ("José", "Manuel", "António", "João", "Carlos", "Joaquim", "Francisco", "Luís",
                "Paulo", "Miguel"),
    "west_africa": ("Mamadou", "Moussa", "Ousmane", "Ibrahima", "Abdoulaye", "Seydou",
                    "Boubacar", "Souleymane", "Amadou", "Lamine"),
    "turkish": ("Mehmet", "Mustafa", "Ahmet", "Hüseyin", "Hasan", "Emre", "Murat"),
    "east": ("Oleksandr", "Dmytro", "Andriy", "Serhiy", "Mykola", "Ion", "Vasile", "Sergiu",
             "Ivan"),
    "asia": ("Van Minh", "Duc", "Quang", "Tuan", "Hung", "Long"),
}
_LAST: dict[str, tuple[str, ...]] = {
    "fr": ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
           "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "David", "Bertrand",
           "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier",
           "Dupont", "Lambert", "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau",
           "Blanc", "Guérin", "Boucher", "Chevalier", "Gauthier", "Perrin", "Morin", "Renaud",
           "Brunet", "Giraud", "Barbier", "Arnaud", "Rolland", "Picard", "Roy", "Caron",
           "Aubert", "Charpentier", "Marchand", "Baron", "Poirier", "Texier", "Guillot",
           "Bouchet", "Raffin", "Pineau", "Chauvet", "Boutin"),
    "maghreb": ("Benali", "Haddad", "Mansouri", "Belkacem", "Brahimi", "Cherif", "Saïdi",
                "Bouzid", "Amrani", "El Idrissi", "Benhamou", "Hamidi", "Khelifi", "Boukhris",
                "Ziani"),
    "iberian": ("Da Silva", "Pereira", "Ferreira", "Rodrigues", "Dos Santos", "Gonçalves",
                "Fernandes", "Lopes", "Martins", "Garcia", "Martinez", "Sanchez", "Lopez"),
    "west_africa": ("Diallo", "Traoré", "Koné", "Coulibaly", "Diop", "Ndiaye", "Camara", "Sow",
                    "Keita", "Cissé", "Touré", "Bah"),
    "turkish": ("Yilmaz", "Demir", "Kaya", "Şahin", "Çelik", "Yildiz", "Aydin"),
    "east": ("Kovalenko", "Shevchenko", "Bondarenko", "Melnyk", "Popescu", "Ionescu", "Popa",
             "Tkachenko"),
    "asia": ("Nguyen", "Tran", "Le", "Pham", "Vo", "Dang"),
}
_ORIGINS_OLDER = {"fr": 78, "maghreb": 8, "iberian": 8, "west_africa": 2, "turkish": 1,
                  "east": 2, "asia": 1}
_ORIGINS = {"fr": 58, "maghreb": 15, "iberian": 7, "west_africa": 9, "turkish": 4, "east": 5,
            "asia": 2}

# (band, weight, youngest age, oldest age) of the people who come for support
_AGES = (
    ("MoinsDeDouze", 0.5, 10, 11),
    ("DouzeDixHuit", 3.5, 12, 17),
    ("DixHuitVingtQuatre", 6, 18, 24),
    ("VingtCinqTrenteNeuf", 15, 25, 39),
    ("QuaranteCinquanteNeuf", 23, 40, 59),
    ("SoixanteSoixanteNeuf", 23, 60, 69),
    ("SoixanteDixPlus", 29, 70, 93),
)
_GENDERS = {"Feminin": 56, "Masculin": 41, "NonCommunique": 3}

_THEMES = {
    ADMIN_THEME: 30, "PrendreEnMainDuMateriel": 14, "Email": 12, "NavigationSurInternet": 10,
    "SecuriteNumerique": 6, "GereSesContenusNumeriques": 6, "BanqueEtAchatsEnLigne": 5,
    "Sante": 5, "DiagnosticNumerique": 4, "Bureautique": 4, "InsertionProfessionnelle": 4,
    "ReseauxSociaux": 3, "MaintenanceDeMateriel": 3, "ScolariteEtNumerique": 2,
    "Parentalite": 1.5, "CultureNumerique": 1.5, "IntelligenceArtificielle": 1,
    "Entrepreneuriat": 1, "CreerAvecLeNumerique": 1,
}
_ADMIN_THEMES = {
    "SocialSante": 22, "ArgentImpots": 20, "PapiersElectionsCitoyennete": 18,
    "TravailFormation": 15, "Logement": 8, "FamilleScolarite": 6, "TransportsMobilite": 5,
    "EtrangersEurope": 5, "Justice": 1.5, "LoisirsSportsCulture": 1, "Associations": 1,
}
_PROCEDURES: dict[str, tuple[str, ...]] = {
    "PapiersElectionsCitoyennete": (
        "Pré-demande de carte d'identité (ANTS)", "Renouvellement de passeport",
        "Inscription sur les listes électorales", "Demande d'acte de naissance en ligne"),
    "SocialSante": (
        "Demande de prime d'activité (CAF)", "Déclaration trimestrielle RSA",
        "Création du compte Ameli", "Attestation de droits Ameli",
        "Demande de complémentaire santé solidaire"),
    "TravailFormation": (
        "Actualisation mensuelle France Travail", "Dépôt du CV sur France Travail",
        "Mon compte formation (CPF)", "Candidature en ligne"),
    "Logement": (
        "Demande de logement social", "Aide au logement (CAF)", "Chèque énergie",
        "Changement d'adresse en ligne"),
    "TransportsMobilite": (
        "Certificat d'immatriculation (ANTS)", "Suivi de demande de permis de conduire",
        "Abonnement de transport en ligne"),
    "ArgentImpots": (
        "Déclaration de revenus en ligne", "Création de l'espace particulier impots.gouv",
        "Paiement d'une amende en ligne", "Demande de délai de paiement"),
    "FamilleScolarite": (
        "Inscription à la cantine", "Demande de bourse de collège",
        "Connexion à l'ENT du collège"),
    "EtrangersEurope": (
        "Renouvellement de titre de séjour (ANEF)", "Prise de rendez-vous en préfecture"),
    "Justice": ("Demande d'aide juridictionnelle", "Extrait de casier judiciaire"),
    "LoisirsSportsCulture": ("Inscription à la médiathèque en ligne",),
    "Associations": ("Déclaration de modification d'association en ligne",),
}
# Month -> extra weight of an administrative topic (tax returns in spring…)
_ADMIN_SEASON: dict[int, dict[str, float]] = {
    4: {"ArgentImpots": 3.0}, 5: {"ArgentImpots": 3.5}, 6: {"ArgentImpots": 1.5},
    9: {"FamilleScolarite": 2.5}, 10: {"ArgentImpots": 0.5},
}
_PLACES = {"LieuActivite": 78, "ADistance": 10, "Domicile": 7, "Autre": 5}
_PLACES_OLDEST = {"LieuActivite": 66, "ADistance": 8, "Domicile": 20, "Autre": 6}
_DURATIONS = {15: 8, 30: 30, 45: 22, 60: 25, 90: 10, 120: 5}
_DURATIONS_REMOTE = {15: 40, 30: 40, 45: 15, 60: 5}
_DURATIONS_HOME = {30: 10, 45: 20, 60: 40, 90: 25, 120: 5}
_DURATIONS_WORKSHOP = {45: 5, 60: 20, 90: 35, 120: 40}
_EQUIPMENT = {"Telephone": 48, "Ordinateur": 36, "Tablette": 9, "Aucun": 4, "Autre": 3}
_AUTONOMY = ("EntierementAccompagne", "PartiellementAutonome", "Autonome")
_REFERRALS = {
    "Administration": 30, "OperateurOuOrganismeEnCharge": 20, "AideSociale": 20,
    "InsertionProfessionnelle": 10, "MediationNumerique": 8,
    "AideAuxDemarchesAdministratives": 7, "Autre": 5,
}
_COMPLETION = {"Finalisee": 55, "AFinaliserEnAutonomie": 15, "DoitRevenir": 20,
               "OrienteVersStructure": 10}


@dataclass(frozen=True, slots=True)
class _Workshop:
    title: str
    themes: tuple[str, ...]
    levels: tuple[str, ...]
    equipment: tuple[str, ...]
    audience: str  # "seniors", "adults", "parents", "jobseekers"
    weight: float
    admin_themes: tuple[str, ...] = ()


_WORKSHOPS = (
    _Workshop("Atelier e-mail", ("Email",), ("Debutant", "Intermediaire"), ("Ordinateur",),
              "seniors", 14),
    _Workshop("Premiers pas sur le smartphone", ("PrendreEnMainDuMateriel",), ("Debutant",),
              ("Telephone",), "seniors", 16),
    _Workshop("Sécurité numérique : reconnaître les arnaques", ("SecuriteNumerique",),
              ("Debutant", "Intermediaire"), ("Telephone", "Ordinateur"), "seniors", 12),
    _Workshop("Découvrir internet", ("NavigationSurInternet",), ("Debutant",), ("Ordinateur",),
              "seniors", 10),
    _Workshop("Tablette : prise en main", ("PrendreEnMainDuMateriel",), ("Debutant",),
              ("Tablette",), "seniors", 7),
    _Workshop("FranceConnect et espaces personnels",
              (ADMIN_THEME, "SecuriteNumerique"), ("Intermediaire",), ("Ordinateur",),
              "adults", 8, ("SocialSante", "ArgentImpots")),
    _Workshop("Ranger et sauvegarder ses photos", ("GereSesContenusNumeriques",),
              ("Intermediaire",), ("Telephone", "Ordinateur"), "seniors", 6),
    _Workshop("Appels vidéo avec ses proches", ("ReseauxSociaux",), ("Debutant",),
              ("Telephone", "Tablette"), "seniors", 6),
    _Workshop("Traitement de texte : les bases", ("Bureautique",), ("Debutant", "Intermediaire"),
              ("Ordinateur",), "adults", 5),
    _Workshop("CV et candidatures en ligne", ("InsertionProfessionnelle", "Bureautique"),
              ("Intermediaire",), ("Ordinateur",), "jobseekers", 5),
    _Workshop("ENT et Pronote pour les parents", ("ScolariteEtNumerique", "Parentalite"),
              ("Debutant",), ("Telephone", "Ordinateur"), "parents", 3),
    _Workshop("Mon espace santé", ("Sante",), ("Debutant",), ("Ordinateur",), "seniors", 3),
    _Workshop("Achats en ligne en confiance", ("BanqueEtAchatsEnLigne", "SecuriteNumerique"),
              ("Intermediaire",), ("Ordinateur",), "adults", 3),
    _Workshop("Intelligence artificielle : de quoi parle-t-on ?",
              ("IntelligenceArtificielle", "CultureNumerique"), ("Intermediaire", "Avance"),
              ("Ordinateur",), "adults", 2),
)
_AUDIENCE_AGES: dict[str, dict[str, float]] = {
    "seniors": {"QuaranteCinquanteNeuf": 12, "SoixanteSoixanteNeuf": 38, "SoixanteDixPlus": 45,
                "NonCommunique": 5},
    "adults": {"DixHuitVingtQuatre": 8, "VingtCinqTrenteNeuf": 22, "QuaranteCinquanteNeuf": 30,
               "SoixanteSoixanteNeuf": 22, "SoixanteDixPlus": 13, "NonCommunique": 5},
    "parents": {"VingtCinqTrenteNeuf": 55, "QuaranteCinquanteNeuf": 40, "NonCommunique": 5},
    "jobseekers": {"DixHuitVingtQuatre": 25, "VingtCinqTrenteNeuf": 40,
                   "QuaranteCinquanteNeuf": 30, "NonCommunique": 5},
}

_NOTES = (
    "Revenir avec le dernier avis d'imposition.",
    "Mot de passe réinitialisé ensemble, noté sur papier.",
    "Veut envoyer des photos à ses proches : à revoir la prochaine fois.",
    "Téléphone neuf : comptes et applications configurés.",
    "Prochain rendez-vous : finir le dossier en ligne.",
    "Adresse e-mail créée, identifiants remis sur papier.",
    "Documents scannés avec le téléphone, à téléverser ensuite.",
    "SMS frauduleux reçu : rien n'a été cliqué, signalé ensemble.",
    "Rendez-vous pris en ligne, confirmation imprimée.",
    "Espace personnel créé, double authentification expliquée.",
    "Pièce justificative manquante : démarche à reprendre.",
    "Nets progrès depuis la dernière séance.",
    "Faire le point sur le dossier dans deux semaines.",
    "Installer une application de visio à la prochaine séance.",
)
_ANONYMOUS_NOTES = (
    "Personne de passage, démarche urgente traitée sur place.",
    "Ne souhaite pas ouvrir de dossier ; orientée vers les ateliers.",
    "Question rapide à l'accueil.",
)
_WORKSHOP_NOTES = (
    "Groupe attentif, une séance de suite est demandée.",
    "Support papier distribué à chacun.",
    "Deux personnes n'avaient pas leurs identifiants.",
    "Wifi instable : exercices faits hors ligne.",
    "Bonne dynamique de groupe.",
)
_FILE_NOTES = (
    "Préfère les rendez-vous le matin.",
    "Smartphone uniquement, pas d'ordinateur à domicile.",
    "Souhaite être prévenu(e) des prochains ateliers.",
    "Vient parfois avec un proche.",
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `generate_demo` wrote."""

    beneficiaries: int
    identified: int  # files with identity data
    statistical_only: int  # files with no identity at all
    activities: int
    individual: int
    anonymous_individual: int
    collective: int
    participations: int  # tracked workshop participants, summed over workshops
    first_date: dt.date | None
    last_date: dt.date | None


# ---------------------------------------------------------------------------
# Random helpers (one seeded generator, no set iteration: deterministic)


class _Pick:
    """Weighted choices from one seeded generator."""

    def __init__(self, seed: int) -> None:
        # Not for secrets: a reproducible stream is the point here.
        self.rng = random.Random(seed)  # noqa: S311

    def one(self, weights: Mapping[T, float]) -> T:
        keys = list(weights)
        cum = list(accumulate(weights.values()))
        return keys[bisect_right(cum, self.rng.random() * cum[-1])]

    def some(self, weights: Mapping[str, float], count: int) -> list[str]:
        """`count` distinct keys, drawn by weight."""
        keys = list(weights)
        values = list(weights.values())
        out: list[str] = []
        while keys and len(out) < count:
            x = self.rng.random() * sum(values)
            i = 0
            while i < len(values) - 1 and x >= values[i]:
                x -= values[i]
                i += 1
            out.append(keys.pop(i))
            values.pop(i)
        return out

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def item(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]


# ---------------------------------------------------------------------------
# Calendar


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (h + m - 7 * ((a + 11 * h + 22 * m) // 451) + 114)
    return dt.date(year, n // 31, n % 31 + 1)


def _holidays(year: int) -> set[dt.date]:
    easter = _easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    days = {dt.date(year, m, d) for m, d in fixed}
    days |= {easter + dt.timedelta(days=n) for n in (1, 39, 50)}
    return days


def _season(day: dt.date) -> float:
    """How busy the place is that day: summer and Christmas dips, quieter Wednesday
    and Friday (school and market days), busier Tuesday and Thursday."""
    weight = (0.9, 1.1, 0.85, 1.1, 0.85)[day.weekday()]
    if day.month == 8:
        weight *= 0.3
    elif day.month == 7 and day.day >= 14:
        weight *= 0.7
    elif (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        weight *= 0.2
    return weight


@dataclass(slots=True)
class _Calendar:
    days: list[dt.date]
    weights: list[float]
    cum: list[float]
    position: dict[dt.date, int]

    @classmethod
    def build(cls, start: dt.date, today: dt.date) -> _Calendar:
        closed: set[dt.date] = set()
        for year in range(start.year, today.year + 1):
            closed |= _holidays(year)
        span = (today - start).days or 1
        days: list[dt.date] = []
        weights: list[float] = []
        day = start
        while day <= today:
            if day.weekday() < 5 and day not in closed:
                days.append(day)
                # the service grows a little over the period
                weights.append(_season(day) * (0.85 + 0.3 * (day - start).days / span))
            day += dt.timedelta(days=1)
        if not days:  # a period of holidays and weekends only: take today anyway
            days, weights = [today], [1.0]
        return cls(days, weights, list(accumulate(weights)),
                   {d: i for i, d in enumerate(days)})

    def sample(self, pick: _Pick, lo: int = 0, hi: int | None = None) -> int:
        """Index of a working day in [lo, hi), drawn by the day's weight."""
        hi = len(self.days) if hi is None else hi
        base = self.cum[lo - 1] if lo else 0.0
        x = base + pick.rng.random() * (self.cum[hi - 1] - base)
        return min(bisect_right(self.cum, x, lo, hi), hi - 1)

    def step(self, pick: _Pick, index: int, gap: int) -> int:
        """The working day `gap` working days after day `index`, round to the start
        after the last day; a quiet day is often passed over for a later one (the
        person comes back later), so visits thin out in August."""
        i = (index + gap) % len(self.days)
        while pick.rng.random() > self.weights[i]:
            i = (i + 1) % len(self.days)
        return i


# ---------------------------------------------------------------------------
# The plan: people and sessions, in memory


@dataclass(slots=True)
class _Person:
    id: int
    code: str
    data: dict[str, Any]
    band: str
    commune: communes.Commune | None
    identified: bool
    weight: float  # how often the person comes, relative to others
    needs: list[str]
    autonomy: int  # index in _AUTONOMY, rises over the visits
    devices: Mapping[str, float]
    visits: int = 1
    dates: list[dt.date] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # themes already worked on


def _status_for(pick: _Pick, band: str) -> str:
    weights: dict[str, float]
    if band in ("MoinsDeDouze", "DouzeDixHuit"):
        weights = {"Scolarise": 97, "NonCommunique": 3}
    elif band == "DixHuitVingtQuatre":
        weights = {"Scolarise": 35, "SansEmploi": 35, "EnEmploi": 25, "NonCommunique": 5}
    elif band in ("VingtCinqTrenteNeuf", "QuaranteCinquanteNeuf"):
        weights = {"SansEmploi": 48, "EnEmploi": 42, "NonCommunique": 10}
    elif band == "SoixanteSoixanteNeuf":
        weights = {"Retraite": 75, "SansEmploi": 10, "EnEmploi": 8, "NonCommunique": 7}
    elif band == "SoixanteDixPlus":
        weights = {"Retraite": 95, "NonCommunique": 5}
    else:
        weights = {"SansEmploi": 30, "EnEmploi": 20, "Retraite": 25, "NonCommunique": 25}
    return pick.one(weights)


class _Communes:
    """Where people live: mostly the town, then the villages around it, then the
    rest of the département, a few from elsewhere."""

    def __init__(self) -> None:
        town = communes.by_insee(TOWN_INSEE)
        if town is None:  # pragma: no cover - the shipped list has it
            raise RuntimeError("demo town missing from the communes list")
        self.town = town
        near: list[communes.Commune] = []
        for postal_code in NEARBY_POSTAL_CODES:
            near += [c for c in communes.search(postal_code, limit=100) if c.insee != town.insee]
        dep = [c for c in communes.of_departement(town.departement)
               if c.postal_code not in NEARBY_POSTAL_CODES]
        self.near = {c: max(c.population, 100) ** 0.7 for c in near}
        self.dep = {c: float(max(c.population, 100)) for c in dep}
        self.far = {c: float(c.population) for c in communes.largest(300)}

    def draw(self, pick: _Pick) -> communes.Commune:
        r = pick.rng.random()
        if r < 0.55:
            return self.town
        if r < 0.90:
            return pick.one(self.near)
        if r < 0.98:
            return pick.one(self.dep)
        return pick.one(self.far)

    def nearby(self, pick: _Pick) -> communes.Commune:
        """A place of a session outside the structure (town hall, social centre)."""
        return self.town if pick.chance(0.4) else pick.one(self.near)


class _Phones:
    """Distinct numbers in ARCEP's blocks of 10,000 numbers reserved for fiction."""

    BLOCK = 10_000

    def __init__(self) -> None:
        self.used: dict[str, set[str]] = {}

    def new(self, pick: _Pick, prefix: str) -> str | None:
        used = self.used.setdefault(prefix, set())
        if len(used) >= self.BLOCK:
            return None  # block exhausted (a huge demo): no phone, never a real one
        while True:
            number = f"{prefix} {pick.rng.randrange(100):02d} {pick.rng.randrange(100):02d}"
            if number not in used:
                used.add(number)
                return number


def _make_people(
    pick: _Pick, count: int, today: dt.date, places: _Communes, first_id: int
) -> list[_Person]:
    phones = _Phones()
    codes: set[str] = set()
    people: list[_Person] = []
    age_weights = {band: w for band, w, _, _ in _AGES}
    age_range = {band: (lo, hi) for band, _, lo, hi in _AGES}
    for n in range(count):
        while True:
            code = "B-" + "".join(pick.item(_CODE_ALPHABET) for _ in range(4))
            if code not in codes:
                codes.add(code)
                break
        gender = pick.one(_GENDERS)
        band = pick.one(age_weights)
        lo, hi = age_range[band]
        age = round(pick.rng.triangular(lo, hi, lo + (hi - lo) / 4)) if hi > 80 else \
            pick.rng.randint(lo, hi)
        birth_year = today.year - age
        status = _status_for(pick, band)
        identified = not pick.chance(0.12)
        commune = places.draw(pick) if identified or pick.chance(0.8) else None
        data: dict[str, Any] = {
            "gender": gender, "social_status": status,
            "commune": commune.as_input() if commune else None,
        }
        if identified:
            origin = pick.one(_ORIGINS_OLDER if age >= 70 else _ORIGINS)
            data.update(_identity(pick, gender, origin, birth_year, age, phones))
            if pick.chance(0.9):
                data["birth_year"] = birth_year
            else:
                data["age_band"] = band if pick.chance(0.7) else "NonCommunique"
            data["legal_basis"] = (
                "MissionInteretPublic" if pick.chance(0.94) else "ObligationLegale"
            )
            data["notice_version"] = "demo-1"
            if pick.chance(0.08):
                data["notes"] = pick.item(_FILE_NOTES)
        else:
            data["age_band"] = band if pick.chance(0.85) else "NonCommunique"
        older = age >= 60
        # a third come once; the others come back, a few of them very often
        visits_weight = 0.0 if pick.chance(0.3) else \
            min(pick.rng.paretovariate(1.2), 15.0) * (1.3 if older else 1.0)
        if not identified:
            visits_weight *= 0.4
        devices = ({"Telephone": 45, "Tablette": 15, "Ordinateur": 35, "Aucun": 5} if older
                   else {"Telephone": 60, "Ordinateur": 35, "Tablette": 5})
        start_level = pick.one({0: 55, 1: 33, 2: 12} if age < 70 else {0: 75, 1: 22, 2: 3})
        people.append(_Person(
            id=first_id + n, code=code, data=data, band=band, commune=commune,
            identified=identified, weight=visits_weight, needs=pick.some(_THEMES, 2),
            autonomy=start_level, devices=devices,
        ))
    return people


def _identity(
    pick: _Pick, gender: str, origin: str, birth_year: int, age: int, phones: _Phones
) -> dict[str, Any]:
    firsts = _FIRST_F if gender == "Feminin" else _FIRST_M
    if gender == "NonCommunique":
        firsts = _FIRST_F if pick.chance(0.5) else _FIRST_M
    if origin == "fr":
        generation = "fr_old" if birth_year < 1960 else "fr_mid" if birth_year < 1990 \
            else "fr_young"
        first = pick.item(firsts[generation])
    else:
        first = pick.item(firsts[origin])
    last = pick.item(_LAST[origin])
    out: dict[str, Any] = {"first_name": first, "last_name": last}
    if pick.chance(0.88 if age >= 15 else 0.3):
        # ARCEP's blocks for fiction: mobile 06 39 98, landline (west) 05 36 49
        phone = phones.new(pick, "06 39 98" if pick.chance(0.9) else "05 36 49")
        if phone is not None:
            out["phone"] = phone
    if pick.chance(0.55 if age < 60 else 0.35 if age < 70 else 0.15):
        local = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}"
        if pick.chance(0.5):
            local += str(pick.rng.randint(1, 99))
        out["email"] = f"{local}@{pick.item(('example.org', 'example.net', 'example.com'))}"
    return out


def _spread_visits(pick: _Pick, people: list[_Person], total: int) -> None:
    """Give each person at least one individual session and share the rest by their
    weight (a few people come very often, most come once or twice)."""
    extra = total - len(people)
    if extra > 0:
        weights = [p.weight for p in people]
        if not any(weights):
            weights = [1.0] * len(people)
        for i in pick.rng.choices(range(len(people)), weights=weights, k=extra):
            people[i].visits += 1


def _visit_days(pick: _Pick, cal: _Calendar, visits: int) -> list[int]:
    """Calendar indices of one person's visits: returns one to three weeks apart
    (about weekly for the most frequent visitors) from a first day drawn over the
    period. What would fall after today wraps round to the start of the period (the
    person had come before, then came back): so every part of the period sees as
    many people still coming as any other."""
    mean_gap = 4.0 if visits > 12 else 8.0  # working days
    gaps = [1 + round(pick.rng.expovariate(1 / mean_gap)) for _ in range(visits - 1)]
    limit = 0.8 * len(cal.days)
    if sum(gaps) > limit:
        scale = limit / sum(gaps)
        gaps = [max(1, round(g * scale)) for g in gaps]
    days = [cal.sample(pick)]
    for gap in gaps:
        days.append(cal.step(pick, days[-1], gap))
    return sorted(days)


# ---------------------------------------------------------------------------
# Sessions


def _themes(pick: _Pick, day: dt.date, needs: Sequence[str]) -> tuple[list[str], list[str]]:
    count = pick.one({1: 60, 2: 30, 3: 10})
    themes: list[str] = []
    if needs and pick.chance(0.7):
        themes.append(pick.item(needs))
    for theme in pick.some(_THEMES, count):
        if len(themes) >= count:
            break
        if theme not in themes:
            themes.append(theme)
    admin: list[str] = []
    if ADMIN_THEME in themes:
        season = _ADMIN_SEASON.get(day.month)
        weights = _ADMIN_THEMES if not season else {
            k: w * season.get(k, 1.0) for k, w in _ADMIN_THEMES.items()
        }
        admin = pick.some(weights, 1 if pick.chance(0.8) else 2)
    return themes, admin


def _equipment(pick: _Pick, devices: Mapping[str, float]) -> list[str]:
    if pick.chance(0.08):
        return []
    first = pick.one(devices)
    if first != "Aucun" and pick.chance(0.15):
        second = pick.one(_EQUIPMENT)
        if second not in (first, "Aucun"):
            return [first, second]
    return [first]


def _individual(
    pick: _Pick, day: dt.date, person: _Person | None, places: _Communes
) -> dict[str, Any]:
    older = person is not None and person.band == "SoixanteDixPlus"
    place = pick.one(_PLACES_OLDEST if older else _PLACES)
    themes, admin = _themes(pick, day, person.needs if person else ())
    devices = person.devices if person else _EQUIPMENT
    data: dict[str, Any] = {
        "kind": "Individuel", "date": day, "place_type": place,
        "themes": themes, "admin_themes": admin,
        "duration_min": pick.one(
            _DURATIONS_REMOTE if place == "ADistance"
            else _DURATIONS_HOME if place == "Domicile" else _DURATIONS),
        "equipment": ["Telephone"] if place == "ADistance" and pick.chance(0.8)
        else _equipment(pick, devices),
        "beneficiary_id": person.id if person else None,
    }
    if place == "Domicile":
        home = person.commune if person else None
        data["commune"] = (home or places.nearby(pick)).as_input()
    elif place == "Autre":
        data["commune"] = places.nearby(pick).as_input()
    if person is not None:
        # People get more autonomous over their visits, the oldest more slowly; a
        # subject new to them, or a procedure, often needs more guidance that day.
        level = person.autonomy
        if any(t not in person.seen for t in themes) or (admin and pick.chance(0.4)):
            level = max(level - 1, 0)
        data["autonomy"] = _AUTONOMY[level]
        person.seen.extend(t for t in themes if t not in person.seen)
        if pick.chance(0.12 if person.band == "SoixanteDixPlus" else 0.2):
            person.autonomy = min(person.autonomy + 1, 2)
    elif pick.chance(0.85):
        data["autonomy"] = pick.item(_AUTONOMY[:2]) if pick.chance(0.8) else _AUTONOMY[2]
    if admin:
        if pick.chance(0.45):
            data["procedure_details"] = pick.item(_PROCEDURES[admin[0]])
        if pick.chance(0.85):
            data["completion"] = pick.one(_COMPLETION)
    referred = data.get("completion") == "OrienteVersStructure" or pick.chance(0.06)
    if referred:
        data["referred"] = True
        data["referral_target"] = pick.one(_REFERRALS)
    if person is not None and pick.chance(0.12):
        data["notes"] = pick.item(_NOTES)
    elif person is None and pick.chance(0.04):
        data["notes"] = pick.item(_ANONYMOUS_NOTES)
    return data


def _collective(
    pick: _Pick, day: dt.date, workshop: _Workshop, pool: Sequence[_Person],
    places: _Communes,
) -> tuple[dict[str, Any], list[_Person]]:
    total = pick.one({3: 8, 4: 12, 5: 15, 6: 16, 7: 14, 8: 12, 9: 9, 10: 7, 11: 4, 12: 3})
    tracked_count = min(sum(pick.chance(0.35) for _ in range(total)), len(pool))
    tracked = pick.rng.sample(list(pool), tracked_count) if tracked_count else []
    anon = total - len(tracked)
    by_gender: dict[str, int] = {}
    by_age: dict[str, int] = {}
    by_status: dict[str, int] = {}
    already = 0
    ages = _AUDIENCE_AGES[workshop.audience]
    for _ in range(anon):
        gender = pick.one(_GENDERS)
        band = pick.one(ages)
        status = _status_for(pick, band)
        by_gender[gender] = by_gender.get(gender, 0) + 1
        by_age[band] = by_age.get(band, 0) + 1
        by_status[status] = by_status.get(status, 0) + 1
        already += pick.chance(0.45)
    place = "Autre" if pick.chance(0.15) else "LieuActivite"
    themes = list(workshop.themes)
    data: dict[str, Any] = {
        "kind": "Collectif", "date": day, "place_type": place,
        "duration_min": pick.one(_DURATIONS_WORKSHOP),
        "themes": themes,
        "admin_themes": list(workshop.admin_themes),
        "equipment": list(workshop.equipment),
        "workshop_title": workshop.title,
        "level": pick.item(workshop.levels),
        "participant_ids": sorted(p.id for p in tracked),
        "anonymous": {
            "total": anon, "already_supported": already,
            "by_gender": _ordered(by_gender), "by_age_band": _ordered(by_age),
            "by_status": _ordered(by_status),
        },
    }
    if place == "Autre":
        data["commune"] = places.nearby(pick).as_input()
    if pick.chance(0.1):
        data["notes"] = pick.item(_WORKSHOP_NOTES)
    return data, tracked


def _ordered(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(counts.items()))


# ---------------------------------------------------------------------------
# The service


def generate_demo(
    vault: Vault, *, seed: int = 1, activities: int = 3000, beneficiaries: int | None = None,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an empty vault with synthetic demonstration data over the eighteen months
    before `today`: about `beneficiaries` files (default: a tenth of `activities`)
    and exactly `activities` sessions (80 % individual, a fifth of them anonymous;
    20 % workshops). The same seed and `today` give the same data.

    Every session and file is validated by the domain models and rules before
    anything is written; all of it goes in one transaction.

    Refuses: KnownError vault_not_empty if the vault already holds files or sessions (demonstration
    data must never mix with real files), or if `beneficiaries` exceeds the
    individual sessions available to give each file one. KnownError as any write
    (read-only or locked vault, disk full).
    Journal: one demo.generate event with the counts and the seed.
    """
    today = today or dt.date.today()
    if activities < 0:
        raise ValueError("activities must be >= 0")
    n_collective = round(activities * 0.2)
    n_individual = activities - n_collective
    n_anonymous = round(n_individual * 0.2)
    n_tracked = n_individual - n_anonymous
    n_people = round(activities / 10) if beneficiaries is None else beneficiaries
    if not 0 <= n_people <= n_tracked:
        raise ValueError(f"beneficiaries must be between 0 and {n_tracked} for "
                         f"{activities} activities")

    pick = _Pick(seed)
    cal = _Calendar.build(today - dt.timedelta(days=PERIOD_DAYS), today)
    places = _Communes()

    with vault.transaction() as s:
        existing = s.exec(select(func.count()).select_from(Beneficiary)).one()
        existing += s.exec(select(func.count()).select_from(Activity)).one()
        if existing:
            raise KnownError("vault_not_empty")
        first_b = (s.exec(select(func.max(Beneficiary.id))).one() or 0) + 1
        first_a = (s.exec(select(func.max(Activity.id))).one() or 0) + 1

        people = _make_people(pick, n_people, today, places, first_b)
        plans = _plan_sessions(pick, cal, people, places, n_anonymous, n_collective,
                               n_tracked)
        activity_rows, participant_rows = _activity_rows(plans, today, first_a)
        beneficiary_rows = _beneficiary_rows(people, today)

        # Core inserts on the tables: one executemany each. (ORM bulk inserts split
        # the rows by which columns are None: thousands of statements.)
        for table, rows in ((Beneficiary, beneficiary_rows), (Activity, activity_rows),
                            (ActivityParticipant, participant_rows)):
            if rows:
                s.exec(insert(table.metadata.tables[table.__tablename__]), params=rows)

        dates = [row["date"] for row in activity_rows]
        summary = DemoSummary(
            beneficiaries=len(people),
            identified=sum(p.identified for p in people),
            statistical_only=sum(not p.identified for p in people),
            activities=len(activity_rows),
            individual=n_individual,
            anonymous_individual=n_anonymous,
            collective=n_collective,
            participations=len(participant_rows),
            first_date=min(dates, default=None),
            last_date=max(dates, default=None),
        )
        structure.mark_demo_in(s)  # every export of this vault says DÉMO
        audit.append(s, actor=vault.worker, action="demo.generate", entity="vault",
                     details={"seed": seed, "beneficiaries": summary.beneficiaries,
                              "activities": summary.activities,
                              "collective": summary.collective,
                              "anonymous_individual": summary.anonymous_individual})
    log.info("demo data generated: %d files, %d sessions", summary.beneficiaries,
             summary.activities)
    return summary


def _plan_sessions(
    pick: _Pick, cal: _Calendar, people: list[_Person], places: _Communes,
    n_anonymous: int, n_collective: int, n_tracked: int,
) -> list[dict[str, Any]]:
    """Every session as the input a worker would type, in date order."""
    planned: list[tuple[int, int, dict[str, Any]]] = []  # (day index, order, data)
    if people:
        _spread_visits(pick, people, n_tracked)
    else:
        n_anonymous += n_tracked
    for person in people:
        for index in sorted(_visit_days(pick, cal, person.visits)):
            day = cal.days[index]
            person.dates.append(day)
            planned.append((index, len(planned), _individual(pick, day, person, places)))
    for _ in range(n_anonymous):
        index = cal.sample(pick)
        planned.append((index, len(planned), _individual(pick, cal.days[index], None, places)))

    # Workshops: tracked participants are people being followed at that time.
    spans = [(cal.position[min(p.dates)], cal.position[max(p.dates)], p) for p in people]
    weights = {w: w.weight for w in _WORKSHOPS}
    for _ in range(n_collective):
        index = cal.sample(pick)
        day = cal.days[index]
        workshop = pick.one(weights)
        window = 40  # working days: about two months
        pool = [p for lo, hi, p in spans if lo - window <= index <= hi + window]
        data, tracked = _collective(pick, day, workshop, pool, places)
        for p in tracked:
            p.dates.append(day)
        planned.append((index, len(planned), data))
    planned.sort(key=lambda item: (item[0], item[1]))
    return [data for _, _, data in planned]


def _validated_activity(data: dict[str, Any], today: dt.date) -> ActivityIn:
    a = ActivityIn.model_validate(data)
    check_activity(a, today)
    return a


def _activity_rows(
    plans: list[dict[str, Any]], today: dt.date, first_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    participants: list[dict[str, Any]] = []
    for n, data in enumerate(plans):
        a = _validated_activity(data, today)
        activity_id = first_id + n
        stamp = _stamp(a.date, n)
        collective = a.kind == "Collectif"
        rows.append({
            "id": activity_id, "kind": a.kind, "date": a.date, "duration_min": a.duration_min,
            "place_type": a.place_type,
            "commune_name": a.commune.name if a.commune else None,
            "commune_postal_code": a.commune.postal_code if a.commune else None,
            "commune_insee": a.commune.insee if a.commune else None,
            "themes": list(a.themes), "admin_themes": list(a.admin_themes),
            "procedure_details": a.procedure_details, "equipment": list(a.equipment),
            "notes": a.notes, "beneficiary_id": a.beneficiary_id, "autonomy": a.autonomy,
            "referred": a.referred, "referral_target": a.referral_target,
            "completion": a.completion, "workshop_title": a.workshop_title, "level": a.level,
            "anonymous": a.anonymous.model_dump() if collective else {},
            "participants": len(a.participant_ids) + a.anonymous.total if collective else 1,
            "created_at": stamp, "updated_at": stamp,
        })
        participants.extend(
            {"activity_id": activity_id, "beneficiary_id": b} for b in a.participant_ids
        )
    return rows, participants


def _stamp(day: dt.date, n: int) -> dt.datetime:
    """When a session was logged or a file created: that day, in opening hours."""
    minutes = 7 * 60 + (n * 37) % (9 * 60)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=dt.UTC)


def _beneficiary_rows(people: list[_Person], today: dt.date) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p in people:
        first, last = min(p.dates), max(p.dates)
        data = dict(p.data)
        if p.identified:
            data["informed_on"] = first
        b = BeneficiaryIn.model_validate(data)
        check_beneficiary(b, today)
        created = _stamp(first, p.id)
        rows.append({
            "id": p.id, "code": p.code,
            "first_name": b.first_name, "last_name": b.last_name, "phone": b.phone,
            "email": b.email, "birth_year": b.birth_year, "notes": b.notes,
            "commune_name": b.commune.name if b.commune else None,
            "commune_postal_code": b.commune.postal_code if b.commune else None,
            "commune_insee": b.commune.insee if b.commune else None,
            "gender": b.gender, "age_band": b.age_band or age_band(b.birth_year, today),
            "social_status": b.social_status, "legal_basis": b.legal_basis,
            "informed_on": b.informed_on, "notice_version": b.notice_version,
            "notice_hash": None,
            "search_key": search_key(b.first_name, b.last_name, b.phone, b.email),
            "anonymised_at": None, "last_contact": last,
            "created_at": created, "updated_at": created,
        })
    return rows

"""The demonstration logbook's distributions: who comes (names of every origin, ages,
genders, situations), for what (themes, procedures, by season), where, how long,
with which equipment, which workshops; the seeded random choices; and the calendar
(school holidays, public holidays, seasons) the sessions fall on.

Used by generators.plan and generators.demo, and by the benchmark dataset
(tests/bench/dataset.py). Every name is invented: see generators.demo for what makes
the data safe to show. Names with a leading underscore are for the generators
package and its benchmark only.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TypeVar

from accomp.domain.vocab import ADMIN_THEME

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

"""Reading the cells of a worker's spreadsheet: dates, durations, lists, headers."""

from __future__ import annotations

import datetime as dt

import pytest

from accomp.domain.import_headers import (
    guess_field,
    guess_mapping,
    header_score,
    layout_key,
    missing_required,
)
from accomp.domain.import_values import (
    ValueProblem,
    clean,
    map_many,
    map_one,
    map_themes,
    parse_count,
    parse_date,
    parse_duration,
    parse_yes_no,
    split_list,
)

D = dt.date(2024, 3, 12)


@pytest.mark.parametrize("cell", [
    "12/03/2024", "12/3/2024", "12-03-2024", "12.03.2024", "12/03/24", " 12/03/2024\u00a0",
    "2024-03-12", "2024/03/12", "2024-03-12T10:30:00", "2024-03-12 10:30", "2024-03-12T10:30:00Z",
    "12/03/2024 14:00", "12 mars 2024", "12 Mars 2024", "mardi 12 mars 2024", "12 mar. 2024",
    "12 march 2024", "March 12 2024", "45363", 45363, 45363.0, 45363.5, D,
    dt.datetime(2024, 3, 12, 9, 0),
])
def test_dates_in_french_iso_and_excel_forms(cell: object) -> None:
    assert parse_date(cell) == D


def test_first_of_the_month_in_french() -> None:
    assert parse_date("1er avril 2023") == dt.date(2023, 4, 1)
    assert parse_date("03/04/2024") == dt.date(2024, 4, 3)  # day first


@pytest.mark.parametrize("cell", [
    "", None, "31/02/2024", "12/13/2024", "hier", "12 mars", "2024", "abc 2024 12", 12, True,
    "99999", "mars mars 2024", "1,5",
])
def test_what_is_not_a_date(cell: object) -> None:
    with pytest.raises(ValueProblem) as err:
        parse_date(cell)
    assert err.value.code == "date"


@pytest.mark.parametrize(("cell", "minutes"), [
    ("1h30", 90), ("1 h 30", 90), ("1H30", 90), ("1h", 60), ("1 h", 60), ("2 heures", 120),
    ("1,5 h", 90), ("1.5h", 90), ("90", 90), ("90 min", 90), ("90mn", 90), ("45 minutes", 45),
    ("1:30", 90), ("01:30:00", 90), ("0:45", 45), ("1h30min", 90), (90, 90), (90.0, 90),
    (0.0625, 90), (dt.time(1, 30), 90), (dt.timedelta(minutes=75), 75), ("\u00a045 ", 45),
    ("12h", 720),
])
def test_durations(cell: object, minutes: int) -> None:
    assert parse_duration(cell) == minutes


@pytest.mark.parametrize("cell", ["", None, "0", "13h", "longtemps", "1h61x", -5, True, "h"])
def test_what_is_not_a_duration(cell: object) -> None:
    with pytest.raises(ValueProblem):
        parse_duration(cell)


def test_yes_no_and_counts() -> None:
    assert parse_yes_no("Oui")
    assert parse_yes_no("x")
    assert parse_yes_no(True)
    assert not parse_yes_no("non")
    assert not parse_yes_no("")
    assert not parse_yes_no(None)
    with pytest.raises(ValueProblem):
        parse_yes_no("peut-être")
    assert parse_count("12") == 12
    assert parse_count(12.0) == 12
    for bad in ("-1", "1.5", 1.5, "douze", True, "5000"):
        with pytest.raises(ValueProblem):
            parse_count(bad)


def test_clean_squeezes_no_break_and_thin_spaces() -> None:
    assert clean("\ufeff Marie\u00a0\u202fDupont  ") == "Marie Dupont"
    assert clean(None) == ""
    assert clean(12.0) == "12"


@pytest.mark.parametrize(("list_name", "cell", "key"), [
    ("place_types", "Lieu d’activité", "LieuActivite"),
    ("place_types", "lieu d'activite", "LieuActivite"),
    ("place_types", "LieuActivite", "LieuActivite"),
    ("place_types", "À domicile", "Domicile"),
    ("place_types", "a distance", "ADistance"),
    ("place_types", "Téléphone", "ADistance"),
    ("activity_kinds", "Atelier collectif", "Collectif"),
    ("activity_kinds", "indiv", "Individuel"),
    ("activity_kinds", "Individual support", "Individuel"),
    ("genders", "F", "Feminin"),
    ("genders", "Homme", "Masculin"),
    ("genders", "Non communiqué", "NonCommunique"),
    ("genders", "female", "Feminin"),
    ("social_statuses", "Retraité", "Retraite"),
    ("social_statuses", "demandeur d'emploi", "SansEmploi"),
    ("autonomy", "Avec guidage", "EntierementAccompagne"),
    ("autonomy", "AUTONOME", "Autonome"),
    ("workshop_levels", "débutant", "Debutant"),
    ("equipment", "PC", "Ordinateur"),
    ("age_bands", "60 - 69 ans", "SoixanteSoixanteNeuf"),
    ("legal_bases", "Mission d'intérêt public", "MissionInteretPublic"),
])
def test_values_map_to_the_vocabulary(list_name: str, cell: str, key: str) -> None:
    assert map_one(list_name, cell) == key


def test_unknown_values_are_said_so() -> None:
    with pytest.raises(ValueProblem) as err:
        map_one("place_types", "sur la lune")
    assert err.value.code == "unknown"
    with pytest.raises(ValueProblem):
        map_one("genders", "  ")


def test_themes_take_labels_keys_and_synonyms() -> None:
    themes, admin, unknown = map_themes("E-mail, CAF; Santé")
    assert themes == ["Email", "AideAuxDemarchesAdministratives", "Sante"]
    assert admin == ["SocialSante"]
    assert unknown == []
    themes, admin, unknown = map_themes("Papiers - Élections - Citoyenneté")
    assert themes == ["AideAuxDemarchesAdministratives"]
    assert admin == ["PapiersElectionsCitoyennete"]
    assert map_themes("impots.gouv") == (["AideAuxDemarchesAdministratives"], ["ArgentImpots"],
                                         [])
    assert map_themes("mail / Zorglub")[2] == ["Zorglub"]
    assert map_themes("Bureautique")[0] == ["Bureautique"]


def test_lists_of_equipment() -> None:
    assert map_many("equipment", "Ordinateur / Téléphone, tablette") == (
        ["Ordinateur", "Telephone", "Tablette"], [])
    assert map_many("equipment", "PC et grille-pain") == (["Ordinateur"], ["grille-pain"])
    assert split_list("a; b|c + d\ne") == ["a", "b", "c", "d", "e"]


COOP_HEADERS = [
    "Date", "Type", "Nombre de participants", "Bénéficiaire", "Canaux d’accompagnement",
    "Lieu", "Durée (min)", "Nom de l’atelier", "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement", "Nom de la démarche administrative",
    "Niveau d’autonomie du bénéficiaire", "Niveau de l’atelier",
    "Le bénéficiaire est-il orienté vers une autre structure ?",
    "La démarche est-elle finalisée ?", "Structure de redirection",
    "Commune de résidence du bénéficiaire", "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire", "Statut du bénéficiaire", "Notes supplémentaires",
]


def test_the_coop_export_headers_are_all_recognised() -> None:
    mapping = guess_mapping("activities", COOP_HEADERS)
    assert [mapping.get(i) for i in range(len(COOP_HEADERS))] == [
        "date", "kind", "participants", "person", "place_type", "commune", "duration_min",
        "workshop_title", "equipment", "themes", "procedure_details", "autonomy", "level",
        "referred", "completion", "referral_target", "person_commune", "gender", "age_band",
        "social_status", "notes",
    ]
    assert missing_required("activities", mapping) == []


@pytest.mark.parametrize(("header", "name"), [
    ("DATE", "date"), ("Date du RDV", "date"), ("durée", "duration_min"),
    ("Duree (minutes)", "duration_min"), ("Temps passé", "duration_min"),
    ("Thème", "themes"), ("Motif", "themes"), ("Prénom", "first_name"), ("NOM", "last_name"),
    ("Tél.", "phone"), ("Courriel", "email"), ("Sexe", "gender"), ("Commentaires", "notes"),
    ("Topic", "themes"), ("Place type", "place_type"), ("Beneficiary", "person"),
])
def test_headers_in_french_and_english(header: str, name: str) -> None:
    assert guess_field("activities", header) == name


def test_unknown_and_repeated_headers() -> None:
    assert guess_field("activities", "Colonne cachée") is None
    assert guess_field("activities", "") is None
    mapping = guess_mapping("activities", ["Date", "date", "xyz", "Durée"])
    assert mapping == {0: "date", 3: "duration_min"}
    assert missing_required("activities", mapping) == ["themes"]
    assert header_score("activities", ["Date", 3, None, "Thème"]) == 2


def test_layout_key_follows_the_columns_not_their_case() -> None:
    assert layout_key(["Date", "Durée"]) == layout_key(["DATE", "duree"])
    assert layout_key(["Date", "Durée"]) != layout_key(["Durée", "Date"])


def test_beneficiary_headers() -> None:
    mapping = guess_mapping("beneficiaries", ["Nom", "Prénom", "Code postal", "Année de naissance",
                                              "Base légale", "Informé le"])
    assert sorted(mapping.values()) == ["birth_year", "first_name", "informed_on",
                                        "last_name", "legal_basis", "postal_code"]


def test_a_label_holding_et_is_not_split() -> None:
    assert map_themes("Banque et achats en ligne, Email")[0] == ["BanqueEtAchatsEnLigne", "Email"]
    assert map_themes("Email et Santé")[0] == ["Email", "Sante"]


def test_the_start_of_a_single_label_is_enough() -> None:
    assert map_one("themes", "Réseaux sociaux") == "ReseauxSociaux"
    assert map_one("themes", "Intelligence artificielle") == "IntelligenceArtificielle"
    with pytest.raises(ValueProblem):
        map_one("genders", "Fém")  # too short to say


def test_words_of_a_theme_cell_are_tried_one_by_one() -> None:
    themes, admin, unknown = map_themes("Démarches CAF")
    assert themes == ["AideAuxDemarchesAdministratives"]
    assert admin == ["SocialSante"]
    assert unknown == []


def test_accomp_own_export_columns() -> None:
    headers = ["schema_version", "row_id", "month", "kind", "duration_bucket",
               "duration_min_rounded", "place_type", "themes", "admin_themes", "equipment",
               "autonomy", "participants_anonymous", "departement"]
    mapping = guess_mapping("activities", headers)
    assert mapping == {2: "date", 3: "kind", 5: "duration_min", 6: "place_type", 7: "themes",
                       8: "admin_themes", 9: "equipment", 10: "autonomy", 11: "participants"}
    assert parse_date("2024-03") == dt.date(2024, 3, 1)
    assert map_themes("Email|AideAuxDemarchesAdministratives")[0] == [
        "Email", "AideAuxDemarchesAdministratives"]

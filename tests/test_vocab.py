"""Vocabularies: regions and départements, postcode → département → region, moves between stages."""

import pytest

from hyc import vocab


def test_france_has_18_regions_and_101_departements():
    assert len(vocab.REGIONS) == 18
    assert len(vocab.DEPARTEMENTS) == 101
    assert {d.region for d in vocab.DEPARTEMENTS} == set(vocab.REGIONS.codes)


@pytest.mark.parametrize("region, count", [("11", 8), ("94", 2), ("84", 12), ("76", 13), ("04", 1)])
def test_each_region_has_its_departements(region, count):
    assert len(vocab.departements_of_region(region)) == count


@pytest.mark.parametrize("postcode, departement, region", [
    ("75011", "75", "11"),
    ("01000", "01", "84"),
    ("13008", "13", "93"),
    ("20000", "2A", "94"),  # Ajaccio
    ("20137", "2A", "94"),  # Porto-Vecchio
    ("20200", "2B", "94"),  # Bastia
    ("20600", "2B", "94"),
    ("97100", "971", "01"),
    ("97200", "972", "02"),
    ("97300", "973", "03"),
    ("97400", "974", "04"),
    ("97600", "976", "06"),
    (" 69 003 ", "69", "84"),
])
def test_postcode_gives_departement_and_region(postcode, departement, region):
    assert vocab.departement_of_postcode(postcode) == departement
    assert vocab.region_of_postcode(postcode) == region


@pytest.mark.parametrize("postcode", ["", "7501", "750011", "00100", "96000", "97500", "98000", "20700", "2A000",
                                      "ABCDE"])
def test_not_a_french_postcode(postcode):
    assert vocab.departement_of_postcode(postcode) is None
    assert vocab.region_of_postcode(postcode) is None


def test_a_match_moves_one_stage_forward_or_leaves():
    assert vocab.MATCH_MOVES["suggeree"] == ("contactee", "declinee_soignant", "abandonnee")
    assert "contrat_signe" not in vocab.MATCH_MOVES["entretien"]  # no skipping the selection
    assert vocab.MATCH_MOVES["terminee"] == ()
    for stage in vocab.MATCH_EXITS:
        assert vocab.MATCH_MOVES[stage] == ()


def test_every_exit_reason_is_known():
    for reasons in vocab.EXIT_REASONS_BY_EXIT.values():
        assert all(r in vocab.EXIT_REASONS for r in reasons)


def test_request_moves_name_only_known_statuses():
    for status, moves in vocab.REQUEST_MOVES.items():
        assert status in vocab.REQUEST_STATUSES
        assert all(m in vocab.REQUEST_STATUSES for m in moves)


def test_labels_exist_in_both_languages():
    for v in (vocab.PROFESSIONS, vocab.SPECIALTIES, vocab.MATCH_STAGES, vocab.REQUEST_STATUSES, vocab.REGIONS,
              vocab.ONBOARDING_STEPS, vocab.MISSION_TYPES, vocab.CALL_KINDS):
        for term in v:
            assert term.label("fr") and term.label("en")
    assert vocab.PROFESSIONS.label("sage_femme", "en") == "Midwife"
    assert vocab.PROFESSIONS.label("unknown-code") == "unknown-code"

"""Claims of responsibility: who claimed, and when nobody did."""

import pytest

from pipeline.extract.claims import find_claim


@pytest.mark.parametrize(
    "sentence, claimed",
    [
        ("Al-Shabaab claimed responsibility in a statement.", True),
        ("The Taliban denied responsibility, but IS claimed the attack on Amaq.", True),
        ("No group has claimed responsibility for the attack.", False),
        ("No group has yet claimed responsibility.", False),
        ("None of the groups claimed responsibility.", False),
        ("Nobody claimed responsibility.", False),
        ("No one has yet claimed the attack, but suspicion fell on IS.", False),
        ("There was no immediate claim of responsibility.", False),
    ],
)
def test_a_claim_nobody_made_is_no_claim(sentence, claimed):
    assert find_claim(sentence).claimed is claimed


def _events(text: str, published: str = "2024-03-12") -> list[dict]:
    import datetime as dt

    from pipeline.extract import extract_article
    from pipeline.extract.actors import load_dictionary

    article = {"article_id": "a", "text": text, "published": dt.date.fromisoformat(published)}
    return [m for m in extract_article(article, load_dictionary()) if not m["is_background"]]


def test_a_claim_after_the_report_names_who_carried_out_the_bombing():
    bomb, = _events("A roadside bomb struck an army convoy near Beledweyne on Monday, killing three soldiers, "
                    "a military commander said. Al-Shabaab claimed responsibility in a statement.")
    assert (bomb["sub_event_type"], bomb["actor1"], bomb["actor2"]) == (
        "Remote explosive/landmine/IED", "{group:al-shabaab}", "Military Forces of {country} ({period})")
    assert (bomb["responsibility_claimed"], bomb["claimed_by"], bomb["claim_channel"]) == (True, "{group:al-shabaab}", "statement")


def test_a_group_blamed_when_nobody_claimed_is_named():
    bomb, = _events("A roadside bomb struck an army convoy near Beledweyne on Monday, killing three soldiers. "
                    "No group claimed responsibility, but officials blamed Al-Shabaab.")
    assert (bomb["responsibility_claimed"], bomb["claimed_by"], bomb["actor1"]) == (False, None, "{group:al-shabaab}")


def test_a_claim_nobody_made_leaves_the_attackers_unnamed():
    bomb, = _events("A roadside bomb struck an army convoy near Beledweyne on Monday, killing three soldiers. "
                    "No group has claimed responsibility, but Al-Shabaab often carries out such attacks.")
    assert bomb["responsibility_claimed"] is False and bomb["claimed_by"] is None
    assert bomb["actor1"] != "{group:al-shabaab}"


@pytest.mark.parametrize(
    "sentence, nobody",
    [
        ("No group has claimed responsibility, but Al-Shabaab often carries out such attacks.", True),
        ("There was no immediate claim of responsibility.", True),
        ("The attack has not yet been claimed.", True),
        ("Al-Shabaab claimed responsibility in a statement.", False),
        ("Police said the attackers were JNIM fighters.", False),
    ],
)
def test_nobody_claimed(sentence, nobody):
    from pipeline.extract.claims import nobody_claimed

    assert nobody_claimed(sentence) is nobody


def test_a_claim_covers_every_report_of_that_days_violence_before_it():
    lead, later = _events("Jihadist fighters ambushed a Malian army convoy near Niono on Thursday, killing four soldiers, "
                          "security sources said. Soldiers fought back for about an hour, and several attackers were also killed. "
                          "The al Qaeda-linked JNIM claimed the attack in a statement.", "2024-03-15")
    jnim = "JNIM: Group for Support of Islam and Muslims"
    assert (lead["actor1"], lead["actor2"], lead["claimed_by"]) == (jnim, "Military Forces of Mali ({period:ML})", jnim)
    assert (later["actor2"], later["claimed_by"]) == (jnim, jnim)


def test_a_sentence_about_nobody_claiming_is_no_new_event():
    events = _events("Gunmen abducted more than 20 worshippers from a church in Kajuru on Sunday. "
                     "No group has claimed the abduction and no ransom demand had been made by Monday, residents said.")
    assert [(m["sentence_index"], m["sub_event_type"]) for m in events] == [(0, "Abduction/forced disappearance")]


def test_a_count_of_past_events_is_background():
    from pipeline.extract import BACKGROUND

    assert BACKGROUND.search("Rights groups have documented several strikes that killed civilians in the north.")

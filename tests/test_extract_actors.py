"""Which groups a sentence names as actors."""

import pytest

from pipeline.extract.actors import load_dictionary


@pytest.mark.parametrize(
    "sentence, names",
    [
        # a patron named beside the group that acted is not an actor
        ("The al Qaeda-linked Group for Support of Islam and Muslims (JNIM) claimed the attack.",
         ["JNIM: Group for Support of Islam and Muslims", "JNIM: Group for Support of Islam and Muslims"]),
        ("JNIM, an al-Qaeda affiliate, claimed it.", ["JNIM: Group for Support of Islam and Muslims"]),
        # with no second group, the patron is the actor
        ("A Turkish drone struck QSD-backed fighters.",
         ["Military Forces of Turkey ({period:TR})", "QSD: Syrian Democratic Forces", "Unidentified Armed Group ({country})"]),
        ("Al-Qaeda claimed the attack.", ["Al Qaeda"]),
        # a sub-unit keeps its parent
        ("Members of the STC-affiliated Support and Reinforcement Brigades and Security Belt forces clashed.",
         ["STC: Southern Transitional Council", "STC: Southern Transitional Council (Security Belt Forces)"]),
    ],
)
def test_patrons_of_a_named_group_are_not_actors(sentence, names):
    assert [a.name for a in load_dictionary().find(sentence)] == names


def _sides(text: str) -> list[tuple[str, str | None, str | None]]:
    import datetime as dt

    from pipeline.extract import extract_article

    article = {"article_id": "a", "text": text, "published": dt.date(2024, 3, 12)}
    return [(m["sub_event_type"], m["actor1"], m["actor2"]) for m in extract_article(article, load_dictionary())]


@pytest.mark.parametrize(
    "text, sides",
    [
        # the side a bomb struck was hit; who set it is unnamed, or named after "by"
        ("A roadside bomb struck an army convoy near Beledweyne on Monday, killing three soldiers.",
         ("Remote explosive/landmine/IED", "Unidentified Armed Group ({country})", "Military Forces of {country} ({period})")),
        ("A bomb planted by al-Shabaab militants struck an army convoy in Beledweyne on Monday.",
         ("Remote explosive/landmine/IED", "Al Shabaab", "Military Forces of {country} ({period})")),
        # the side named before the blast set it off
        ("Militants detonated a bomb under a police van in Quetta on Monday, killing two policemen.",
         ("Remote explosive/landmine/IED", "Unidentified Armed Group ({country})", "Police Forces of {country} ({period})")),
        # "a spokesman for the Taliban-run police said": the police report, they did not act
        ("A bomb attached to a minibus exploded in Kabul on Monday, killing five passengers, a spokesman for the Taliban-run police said.",
         ("Remote explosive/landmine/IED", "Unidentified Armed Group ({country})", "Civilians ({country})")),
        # people killed or wounded by a blast with no armed side hit: civilians
        ("Suspected militants hurled a grenade at a crowded market in Anantnag late on Sunday, wounding a dozen people, police said.",
         ("Grenade", "Unidentified Armed Group ({country})", "Civilians ({country})")),
        # "a Russian missile": the armed forces of the country the weapon is named for
        ("A Russian missile struck a residential building in Kharkiv on Saturday, killing five people.",
         ("Shelling/artillery/missile attack", "Military Forces of Russia ({period:RU})", "Civilians ({country})")),
        # air power: the state or foreign coalition named before the strike; the side after it was hit
        ("On 13 February 2022, the Saudi-led coalition conducted 6 airstrikes on Houthi positions in Harad city.",
         ("Air/drone strike", "Operation Restoring Hope", "Military Forces of Yemen (2016-) Supreme Political Council")),
        ("Russian airstrikes hit Ukrainian army positions near Izium on Monday.",
         ("Air/drone strike", "Military Forces of Russia ({period:RU})", "Military Forces of Ukraine ({period:UA})")),
    ],
)
def test_who_fired_and_who_was_hit(text, sides):
    assert _sides(text) == [sides]


@pytest.mark.parametrize("sentence, sub", [
    # a party's member, an office holder, a detainee or a relative is no armed side
    ("On 1 April 2022, unidentified assailants attacked a TMC member at Baishnabnagar.", "Attack"),
    ("On 17 April 2022, unidentified assailants attacked and killed a local council member belonging to Awami League in Muktagachha.", "Attack"),
    ("On 22 February 2022, police officers assaulted a male detainee at the Sokuluk police station.", "Attack"),
    ("On 27 February 2022, the mayor of Infanta town was wounded in an attack by unidentified assailants.", "Attack"),
    ("On 17 February 2022, assailants attacked the brother of the party vice-president with sharp-edged weapons in Daba.", "Attack"),
    # a named armed group's member and armed men are
    ("On 4 May 2022, TCP members killed a CV member in Rocha Miranda.", "Armed clash"),
    ("On 13 April 2022, policemen killed six armed men in Benin City.", "Armed clash"),
])
def test_who_was_hit(sentence, sub):
    from pipeline.extract import _mention

    found = _mention("t", 0, 0, len(sentence), sentence, None, load_dictionary())
    assert found is not None and found[0]["sub_event_type"] == sub


@pytest.mark.parametrize("sentence, sub", [
    # forces, personnel, positions fired at "in the direction of": armed on armed
    ("On 18 May 2022, 2-3 Taliban forces were shot dead in Jalalabad city.", "Armed clash"),
    ("On 4 April 2022, unidentified militants fired at CRPF personnel in Srinagar, killing one.", "Armed clash"),
    ("On 10 March 2022, Artsakh forces opened fire in the direction of the Military Forces of Azerbaijan in Karadagly.", "Armed clash"),
    ("On 4 April 2022, gunmen opened fire on medical personnel in Kano.", "Attack"),
    # an abduction in a clash, or of armed men, is a clash; of a party's member, an abduction
    ("On 13 April 2022, policemen clashed with armed individuals who were abducting commuters in Benin City.", "Armed clash"),
    ("On 22 June 2022, the Arakan Army abducted two policemen near the village police station.", "Armed clash"),
    ("On 8 February 2022, two policemen abducted a CNL member on Mirama hill.", "Abduction/forced disappearance"),
    ("On 16 April 2022, the PDF abducted a gamecock fighting group in Se Gyi village.", "Abduction/forced disappearance"),
])
def test_armed_on_armed(sentence, sub):
    from pipeline.extract import _mention

    found = _mention("t", 0, 0, len(sentence), sentence, None, load_dictionary())
    assert found is not None and found[0]["sub_event_type"] == sub


def test_acronyms_in_a_lowercased_feed():
    found = load_dictionary().find
    # a sentence with no capitals has lost them: an acronym no English word spells is still the group
    assert [a.name for a in found("the crpf fired in dantewada.")] == ["Police Forces of India ({period:IN}) Central Reserve Police Force"]
    assert [a.name for a in found("vhp activists gathered in ahmedabad.")] == ["VHP: Vishwa Hindu Parishad"]
    # where capitals are kept, the lowercase word is not the group; "is" is never one
    assert [a.name for a in found("The crpf fired in Dantewada.")] == []
    assert [a.name for a in found("this is what the vhp wants.")] == ["VHP: Vishwa Hindu Parishad"]

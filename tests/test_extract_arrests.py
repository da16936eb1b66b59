"""Arrests as news reports word them: Indian police "booked" people, arrests told beside a
killing, arrests only asked for, and how an arrest sentence bears on the violence before it."""

import datetime as dt

import pytest

from pipeline.extract import _mention, extract_article
from pipeline.extract.actors import load_dictionary
from pipeline.extract.dates import find_dates


def _one(sentence):
    found = _mention("t", 0, 0, len(sentence), sentence, None, load_dictionary())
    return found[0] if found else None


def _all(text, published=None):
    return extract_article({"article_id": "t", "text": text, "published": published}, load_dictionary())


@pytest.mark.parametrize("sentence, sub", [
    ("around 681 kar sevaks belonging to the vhp have already been booked in the state.", "Arrests"),
    ("so far, the police have booked 62 people in godhra under the draconian law.", "Arrests"),
    ("two activists, who were caught by the kolkata police while sneaking into bangladesh, belong to patna.", "Arrests"),
    ("On 10 June 2022, FACA and police conducted search operations in Bangui leading to the arrest of at least 400 people.", "Arrests"),
    ("the police fired 6,500 rounds, exploded 8,300 tear-gas shells and has arrested a staggering 10,000 people.", "Arrests"),
    # a ticket, a wish, a condition, an order: no arrest was made
    ("the two sleeper coaches of sabarmati express, which were booked for ram sevaks, wore a deserted look.", None),
    ("he suggested that those guilty be booked under the prevention of terrorism ordinance.", None),
    ("they were given addresses which they can claim to be theirs if caught by police.", None),
    ("the police forces have been ordered to arrest all suspicious passengers to avert any mishap.", None),
    ("the governments should be directed to restrain the kar sevaks and detain them in camps.", None),
    # things kept safe, an arrest dared, listed among demands, imagined or counterfactual: none was made
    ("the government is bound to keep the acquired land in safe custody as the receiver.", None),
    ("and if anyone has any objection, he is free to arrest us, he asserted.", None),
    ("the vhp said that it was up to the central government now to allow our programme or arrest us.", None),
    ("the leaders on tuesday rejected the mediation of rss and demanded a ban on vhp and arrest of its top leaders.", None),
    ("but if there is any firing or arrests on friday, we will launch a public movement.", None),
    ('"my arrest would not be in anyone\'s interest," singhal said.', None),
    ("intelligence sources believe that had singhal been detained in lucknow itself the problems would have been reduced.", None),
    ("the leaders had already been detained in lucknow on monday.", "Arrests"),
    ("police arrested 40 activists and detained the leaders on monday.", "Arrests"),
])
def test_arrest_words(sentence, sub):
    mention = _one(sentence)
    assert (mention["sub_event_type"] if mention else None) == sub


def test_members_of_a_group_arrested_are_held_not_holding():
    held = _one("Five JNIM members were arrested in Mopti.")
    assert (held["sub_event_type"], held["actor1"], held["actor2"]) == ("Arrests", None, "JNIM: Group for Support of Islam and Muslims")
    taken = _one("Five civilians were arrested by JNIM in Mopti.")
    assert (taken["sub_event_type"], taken["actor1"]) == ("Abduction/forced disappearance", "JNIM: Group for Support of Islam and Muslims")


def test_tear_gas_shells_are_not_explosives():
    assert _one("police lobbed tear gas grenades at the crowd in the market.") is None
    assert _one("a grenade exploded near the market, killing two.")["sub_event_type"] == "Grenade"


def test_arrests_beside_a_killing_are_an_event_of_their_own():
    text = "officials said 73 people have died in police firing while over 2,500 have been arrested in the state."
    mentions = _all(text, dt.date(2002, 3, 3))
    assert [(m["mention_id"], m["sub_event_type"], m["actor1"], m["fatalities"]) for m in mentions] == [
        ("t#0.0", "Attack", "Police Forces of {country} ({period})", 73),
        ("t#0.1", "Arrests", "Police Forces of {country} ({period})", 0),
    ]


def test_an_arrest_demanded_beside_a_killing_is_no_event():
    mentions = _all("Gunmen killed two traders in the market, and residents demanded that the killers be arrested.")
    assert [m["sub_event_type"] for m in mentions] == ["Attack"]


def test_the_arrest_of_a_groups_members_names_the_attackers_and_leaves_the_toll_to_the_attack():
    text = ("On 19 January 2022, overnight, in Croix-des-Bouquets, Ouest, armed men killed a police officer. "
            "At least two active members of the 400 Mawozo Gang were arrested as part of that group. 1 fatality.")
    mentions = _all(text)
    assert [(m["sub_event_type"], m["actor1"], m["actor2"], m["fatalities"]) for m in mentions] == [
        ("Armed clash", "400 Mawozo Gang", "Police Forces of {country} ({period})", 1),
        ("Arrests", None, "400 Mawozo Gang", 0),
    ]


def test_an_arrest_told_after_the_killing_is_less_sure_than_the_killing():
    text = ("Around 18 April 2022 (as reported), suspected Imbonerakure killed a member of the CNDD-FDD and left his body "
            "on Burunga hill (Bururi, Bururi). Three Imbonerakure were arrested.")
    attack, arrest = _all(text)
    assert (attack["sub_event_type"], arrest["sub_event_type"]) == ("Attack", "Arrests")
    assert arrest["confidence"] < attack["confidence"]


def test_police_firing_on_a_vehicle_is_an_attack():
    mention = _one("On 15 June 2022, Iranian police fired upon a vehicle carrying Balochi clerics in Khash city.")
    assert (mention["sub_event_type"], mention["actor1"], mention["actor2"]) == ("Attack", "Police Forces of Iran ({period:IR})", "Civilians ({country})")


def test_a_day_still_ahead_is_not_the_event_date():
    sentence = "the task force booked people on trains bound for ayodhya ahead of march 15, the day proposed by the vhp."
    assert find_dates(sentence, 0, dt.date(2002, 3, 2)) == []
    assert [d.date for d in find_dates("the march was scheduled for march 15.", 0, dt.date(2002, 3, 2))] == []
    assert [d.date for d in find_dates("police fired on march 1.", 0, dt.date(2002, 3, 2))] == [dt.date(2002, 3, 1)]


def test_indian_state_forces_carry_the_government_of_the_events_year():
    actors = load_dictionary()
    police = "Police Forces of {country} ({period})"
    assert [actors.render(police, "IN", "India", dt.date(year, 3, 1)) for year in (2002, 2010, 2024)] == [
        "Police Forces of India (1998-2004)", "Police Forces of India (2004-2014)", "Police Forces of India (2014-)"]


@pytest.mark.parametrize("text, sub", [
    # held and made to disappear, or seized to be conscripted: an abduction, not an arrest
    ("On 9 March 2022, regime forces detained a number of young men in Debsi Afnan for conscription.", "Abduction/forced disappearance"),
    ("On 28 May 2022, at least 40 civilians were arrested by the Taliban in Melani village. Their whereabouts remained unknown.", "Abduction/forced disappearance"),
    ("On 28 May 2022, at least 40 civilians were arrested by the police in Melani village. They were released the next day.", "Arrests"),
])
def test_held_and_disappeared(text, sub):
    events = [m for m in extract_article({"article_id": "t", "text": text, "published": None}, load_dictionary()) if not m["is_background"]]
    assert events[0]["sub_event_type"] == sub


@pytest.mark.parametrize("sentence, sub", [
    # a protest named as the reason for an arrest or a beating is not the event
    ("On 23 June 2022, police arrested tens of civilians on the accusation of participating in pro-Palestine demonstrations.", "Arrests"),
    ("On 6 February 2022, a provincial deputy was arrested by intelligence agents for supporting demonstrations against the state of siege.", "Arrests"),
    ("On 6 January 2022, special forces beat activists in Kiev, accusing them of coordinating the protests in Kazakhstan.", "Attack"),
    ("On 6 January 2022, police arrested 20 protesters during a demonstration against fuel prices in Almaty.", "Protest with intervention"),
])
def test_a_protest_as_the_reason(sentence, sub):
    assert _one(sentence)["sub_event_type"] == sub


def test_a_toll_asked_about_is_no_event():
    asked = "to a question on how many people were killed in police firing in ahmedabad, he said that toll on this count was only 13."
    assert _one(asked) is None
    told = _one("two persons were killed in police firing in ahmedabad's vatva area on wednesday.")
    assert (told["sub_event_type"], told["actor1"], told["fatalities"]) == ("Attack", "Police Forces of {country} ({period})", 2)


def test_people_whisked_away_to_safety_were_not_abducted():
    assert _one("following the gory attack, around 400 people from the minority community were whisked away to safer places.") is None
    assert _one("gunmen whisked away the priest from his house.")["sub_event_type"] == "Abduction/forced disappearance"


@pytest.mark.parametrize("sentence, sub", [
    ("a man wanted in several murder cases was arrested by the crime branch on friday.", "Arrests"),
    ("the raid led to the arrest of omar sheikh, the main accused in the murder of wsj journalist daniel pearl.", "Arrests"),
    ("police arrested two men accused in the killing of a trader in bhiwandi.", "Arrests"),
    ("police said the accused in the murder had been absconding.", None),
    ("militants involved in the killing of two soldiers were killed in an encounter.", "Armed clash"),
])
def test_a_killing_named_as_a_charge_is_no_event(sentence, sub):
    mention = _one(sentence)
    assert (mention["sub_event_type"] if mention else None) == sub


def test_an_arrest_carries_no_deaths_of_the_killing_it_is_for():
    held = _one("police have arrested three men for killing a shopkeeper in bhiwandi.")
    assert (held["sub_event_type"], held["actor1"], held["fatalities"], held["fatalities_low"]) == (
        "Arrests", "Police Forces of {country} ({period})", 0, None)


@pytest.mark.parametrize("sentence, expected", [
    # a verb in the passive has no object after it: the woman was hit, not the police named after "killed"
    ("a woman was killed when police opened fire on a crowd in the village.", ("Attack", "Police Forces of {country} ({period})", "Civilians ({country})", 1)),
    # a death in custody: one man, and the police who held him
    ("a 32-year-old man died in police custody in lucknow on monday, his family alleged.", ("Attack", "Police Forces of {country} ({period})", "Civilians ({country})", 1)),
    # "gunned down" counts the dead as "shot dead" does
    ("two youths were gunned down by police in an encounter.", ("Armed clash", "Police Forces of {country} ({period})", "Unidentified Armed Group ({country})", 2)),
    ("a man was shot dead by militants in pulwama.", ("Attack", "Unidentified Armed Group ({country})", "Civilians ({country})", 1)),
])
def test_who_was_killed_by_police(sentence, expected):
    m = _one(sentence)
    assert (m["sub_event_type"], m["actor1"], m["actor2"], m["fatalities"]) == expected


def test_a_killing_in_brackets_tells_what_the_incident_was():
    sentence = ('modi said "29 persons have been arrested in the naroda incident, 18 in the gulberg society incident '
                '(where former congress mp ehsan jaffri and others were killed), 46 in sardarpura", the release added.')
    held = _one(sentence)
    assert (held["sub_event_type"], held["actor1"], held["fatalities"]) == ("Arrests", None, 0)
    told = _one("gunmen killed two traders (both brothers) and police arrested three men.")
    assert (told["sub_event_type"], told["fatalities"]) == ("Attack", 2)

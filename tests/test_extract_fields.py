"""Each extracted field's hard cases, each with the exact value a coder writes."""

import datetime as dt

import pytest

from pipeline.extract.casualties import count
from pipeline.extract.claims import find_claim
from pipeline.extract.dates import find_dates
from pipeline.extract.event_types import classify
from pipeline.extract.numbers import to_int
from pipeline.extract.sentences import split_sentences


@pytest.mark.parametrize(
    "phrase, expected",
    [("at least 12", 12), ("twenty-five", 25), ("a dozen", 12), ("dozens", 12), ("tens", 10),
     ("hundreds", 100), ("1,200", 1200), ("two", 2), ("three hundred and five", 305), ("more than 40", 40)],
)
def test_numbers_in_words_and_vague_amounts(phrase, expected):
    assert to_int(phrase) == expected


@pytest.mark.parametrize(
    "sentence, killed, injured",
    [
        ("At least 12 people were killed in the attack.", [12], []),
        ("Two soldiers and a civilian were killed when the convoy was hit.", [3], []),
        ("The blast killed five and wounded 14 others.", [5], [14]),
        ("The death toll rose to 9 on Sunday.", [9], []),
        ("Dozens were killed in the fighting.", [12], []),
        ("Police said 4 people died and 10 were hospitalised.", [4], [10]),
        ("The attack left three dead.", [3], []),
        ("a militant called Ishfaq Ahmad Sofi was killed in an encounter in Shopian.", [1], []),
        ("In 2019 attackers killed 40 paramilitary police.", [40], []),
        ("No one was injured in the blast.", [0], []),
    ],
)
def test_casualty_counts(sentence, killed, injured):
    counts = count(sentence)
    assert counts.killed == killed
    assert counts.injured == injured


def test_a_groups_claim_of_casualties_is_not_a_count():
    counts = count("The group claimed it inflicted casualties on Indian army soldiers, killing 20.")
    assert counts.unverified_claim
    assert counts.killed == []


@pytest.mark.parametrize(
    "sentence, published, expected, precision",
    [
        ("Gunmen attacked the village late on Friday.", dt.date(2019, 5, 11), dt.date(2019, 5, 10), 1),
        ("Police raided the house on Saturday.", dt.date(2019, 5, 11), dt.date(2019, 5, 11), 1),
        # a weekday across a month boundary: Friday before Tuesday 2 April 2024
        ("The clash began on Friday.", dt.date(2024, 4, 2), dt.date(2024, 3, 29), 1),
        ("It followed the Easter Sunday bombing.", dt.date(2019, 5, 11), dt.date(2019, 4, 21), 1),
        ("Protests took place last week.", dt.date(2024, 3, 14), dt.date(2024, 3, 6), 2),
        ("Several raids took place earlier this month.", dt.date(2024, 3, 20), dt.date(2024, 3, 15), 3),
        ("On 23 February 2022, a group of locals killed a thief.", None, dt.date(2022, 2, 23), 1),
        ("On March 26th, 2002, a group of locals killed a thief.", None, dt.date(2002, 3, 26), 1),
        ("On Sept. 3, 2010, a group of locals killed a thief.", None, dt.date(2010, 9, 3), 1),  # dateparser's form
        ("On 31 April 2002 and 3 May 2002, locals killed a thief.", None, dt.date(2002, 5, 3), 1),  # no 31 April
        ("The attack happened on March 3.", dt.date(2024, 3, 9), dt.date(2024, 3, 3), 1),
        ("The attack happened on 3 March.", dt.date(2024, 3, 9), dt.date(2024, 3, 3), 1),
        ("Two soldiers died yesterday.", dt.date(2024, 1, 1), dt.date(2023, 12, 31), 1),
        # a day and month still to come in the publication year is last year's
        ("The attack happened on 20 December.", dt.date(2024, 1, 5), dt.date(2023, 12, 20), 1),
        ("The attack happened on March 9.", dt.date(2024, 3, 9), dt.date(2024, 3, 9), 1),
        # 29 February goes back to the last leap year
        ("The attack happened on 29 February.", dt.date(2024, 2, 28), dt.date(2020, 2, 29), 1),
        ("The attack happened on 29 February.", dt.date(2025, 6, 1), dt.date(2024, 2, 29), 1),
    ],
)
def test_dates_resolved_against_publication(sentence, published, expected, precision):
    found = find_dates(sentence, 0, published)
    assert found, sentence
    assert (found[0].date, found[0].precision) == (expected, precision)


def test_the_day_of_a_statement_is_not_the_day_of_the_event():
    found = find_dates("Gunmen attacked the village late on Friday, police said on Sunday.", 0, dt.date(2024, 3, 17))
    assert [(d.text, d.date) for d in found] == [("late on Friday", dt.date(2024, 3, 15))]


def test_no_publication_date_and_no_explicit_date_gives_no_date():
    assert find_dates("Gunmen attacked the village on Friday.", 0, None) == []


@pytest.mark.parametrize(
    "sentence, flags, expected",
    [
        ("A suicide bomber blew himself up at a checkpoint, killing 6 soldiers.", dict(has_state=True, has_armed=False, target_is_civilian=False, killed=True), "Suicide bomb"),
        ("Police fired tear gas to disperse protesters in Nairobi.", dict(has_state=True, has_armed=False, target_is_civilian=False, killed=False), "Protest with intervention"),
        ("Hundreds of teachers protested peacefully over unpaid wages.", dict(has_state=False, has_armed=False, target_is_civilian=False, killed=False), "Peaceful protest"),
        ("Gunmen killed 5 villagers in an overnight raid.", dict(has_state=False, has_armed=True, target_is_civilian=True, killed=True), "Attack"),
        ("Soldiers clashed with militants near the border.", dict(has_state=True, has_armed=True, target_is_civilian=False, killed=False), "Armed clash"),
        ("Police arrested 12 suspects in a raid on Sunday.", dict(has_state=True, has_armed=False, target_is_civilian=False, killed=False), "Arrests"),
        ("A roadside bomb struck a bus.", dict(has_state=False, has_armed=False, target_is_civilian=True, killed=False), "Remote explosive/landmine/IED"),
        ("An airstrike hit a market.", dict(has_state=False, has_armed=False, target_is_civilian=True, killed=False), "Air/drone strike"),
        ("Gunmen abducted 20 students from their school.", dict(has_state=False, has_armed=True, target_is_civilian=True, killed=False), "Abduction/forced disappearance"),
        ("A mob lynched a suspected thief.", dict(has_state=False, has_armed=False, target_is_civilian=False, killed=True), "Mob violence"),
        ("The government and the rebels signed a ceasefire agreement.", dict(has_state=True, has_armed=True, target_is_civilian=False, killed=False), "Agreement"),
        ("The central bank raised interest rates again.", dict(has_state=False, has_armed=False, target_is_civilian=False, killed=False), None),
    ],
)
def test_event_types(sentence, flags, expected):
    typing = classify(sentence, **flags)
    assert (typing.sub_event_type if typing else None) == expected


def test_claims_versus_reports():
    claim = find_claim("Al-Shabaab claimed responsibility for the attack in a statement on Radio Andalus.")
    assert claim.claimed and claim.channel == "statement"
    report = find_claim("Seven people were killed, police said.")
    assert not report.claimed and report.attribution == "police"
    amaq = find_claim("IS claimed the attack through its Amaq News Agency.")
    assert amaq.claimed and amaq.channel == "Amaq News Agency"


def test_sentences_keep_offsets_and_skip_abbreviations():
    text = "Gen. Musa said 3 were killed. Police arrested 2 men in Kano.\n\nNo one else was hurt."
    spans = list(split_sentences(text))
    assert [text[s:e] for s, e in spans] == [
        "Gen. Musa said 3 were killed.",
        "Police arrested 2 men in Kano.",
        "No one else was hurt.",
    ]


# -- rules from how analysts' notes and news reports are written ----------------------------

from pipeline.extract import extract_article  # noqa: E402
from pipeline.extract.actors import load_dictionary  # noqa: E402


def _best(text, published=None):
    mentions = [m for m in extract_article({"article_id": "t", "text": text, "published": published}, load_dictionary()) if not m["is_background"]]
    return max(mentions, key=lambda m: m["confidence"]) if mentions else None


@pytest.mark.parametrize(
    "text, sub",
    [
        ("Property destruction: On 4 April 2022, soldiers burned down 20 houses in the village.", "Looting/property destruction"),
        ("Displacement: On 5 March 2022, nearly 70 families were displaced from the village.", "Other"),
        ("On 3 March 2022, gunmen abducted a farmer and killed his son near the village.", "Attack"),
        ("On 20 April 2022, unknown gunmen shot and killed a soldier in the town.", "Armed clash"),
        ("On 9 May 2022, gunmen ambushed and shot a truck driver on the road.", "Attack"),
        ("On 13 February 2022, a suspected thief was beaten up and injured by residents.", "Mob violence"),
        ("On 24 January 2022, people demonstrated in the city against new taxes. Demonstrators threw bottles at police officers.", "Violent demonstration"),
        ("On 24 January 2022, people demonstrated in the city against new taxes. One person was arrested.", "Protest with intervention"),
        ("On 2 May 2022, about 200 people protested in the capital to demand the release of a journalist who was arrested last week.", "Peaceful protest"),
        ("at least eight people have been arrested so far in connection with the riots in the city.", "Arrests"),
    ],
)
def test_what_the_report_leads_with(text, sub):
    assert _best(text)["sub_event_type"] == sub


def test_a_sentence_opening_with_its_date_is_not_background_for_an_anniversary():
    text = "On 1 May 2022, about 230 people staged a protest march in Tokyo on the anniversary of the constitution adopted in 1947."
    assert _best(text)["sub_event_type"] == "Peaceful protest"


@pytest.mark.parametrize(
    "sentence, killed",
    [
        ("The shelling resulted in an unknown number of fatalities. Unknown fatalities coded as 10.", [10]),
        ("Militiamen attacked a church, abducted the priest and killed his cook.", [1]),
        ("Three youths were arrested and killed by soldiers.", [3]),
        ("An official said 40 of these deaths were due to police firing.", [40]),
        ("17 IS Sahel militants and 4 CSP militiamen were killed.", [21]),  # "IS" is a group, not "is"
        ("Troops killed one separatist general and two of his lieutenants.", [3]),
        ("The army killed 12 militants and arrested 4.", [12]),
        ("Two gang members shot and killed a man.", [1]),  # the killers are not the dead
        ("Two soldiers killed in attack on base.", [2]),  # a headline's passive
        ("Residents blocked the road against the killing of nine people in a militia attack (coded separately).", []),
    ],
)
def test_more_casualty_counts(sentence, killed):
    assert count(sentence).killed == killed


def test_a_peaceful_protest_over_a_killing_has_no_deaths_of_its_own():
    assert _best("On 23 March 2022, activists held a protest against the killing of three journalists.")["fatalities"] == 0


def test_lowercased_articles_split_into_sentences_despite_page_furniture():
    body = ("kolkata: police arrested 17 ayodhya-bound kar sevaks from the sealdah railway station on friday. "
            "according to the police, additional vigilance was being maintained at several other railway stations. "
            "vhp sources said that the first batch of 2,000 kar sevaks cancelled their journey during the day. "
            "they said that the state unit would send about 8,000 kar sevaks to attend the programme.")
    text = body + "  \n\nFacebook Twitter Linkedin Mail"
    assert len(list(split_sentences(text))) == 5


def test_a_group_and_its_fighters_are_one_actor():
    found = load_dictionary().find("On 11 May 2022, IS militants attacked Peshmerga near the village.")
    assert [a.role for a in found if a.text.lower() in ("is", "militants")] == ["rebel"]


@pytest.mark.parametrize("text, event", [
    ("On 28 June 2022, members of social movements gathered in front of a courthouse in Recife to demand reproductive rights, "
     "after a pregnant child had her right to an abortion denied by a judge.", True),
    ("On 3 May 2022, relatives of detainees who were denied bail protested outside the court in Lahore.", True),
    ("On 3 May 2022, the army denied attacking the village of Kili.", False),
])
def test_only_a_denial_of_the_event_voids_it(text, event):
    assert (_best(text) is not None) == event


@pytest.mark.parametrize("text, sub", [
    ("On 26 March 2022, Russian forces fired prohibited cluster munitions at Lozova, Kharkiv.", "Shelling/artillery/missile attack"),
    ("On 6 January 2022, rebel forces fired heavy machine guns at the government positions near Luhanske.", "Shelling/artillery/missile attack"),
    ("On 20 June 2022, Russian forces conducted strikes with Su-25 jets in Pryshyb, Donetsk.", "Air/drone strike"),
    ("On 16 May 2022, Russian forces blew up a road in Dorozhnianka, Zaporizhia.", "Remote explosive/landmine/IED"),
])
def test_more_ways_notes_word_remote_violence(text, sub):
    assert _best(text)["sub_event_type"] == sub


@pytest.mark.parametrize("text, background", [
    ("the 1993 riots left over 900 dead in mumbai.", True),
    ("the memories of the 1984 anti-sikh riots are still fresh.", True),
    ("2,000 protesters rallied in the capital on monday.", False),
])
def test_a_year_naming_an_event_marks_it_background(text, background):
    mentions = extract_article({"article_id": "t", "text": text, "published": dt.date(2002, 3, 3)}, load_dictionary())
    assert [m["is_background"] for m in mentions] == [background]

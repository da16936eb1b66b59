"""When a demonstration is a riot: its own clashes, blockades with debris and damage, not the
violence it protests against, not a clash the report says did not happen."""

import pytest

from pipeline.extract import extract_article
from pipeline.extract.actors import load_dictionary
from pipeline.extract.casualties import count


def _events(text):
    return [m for m in extract_article({"article_id": "t", "text": text, "published": None}, load_dictionary()) if not m["is_background"]]


@pytest.mark.parametrize("text, sub", [
    ("On 2 January 2022, demonstrating cadres of JP clashed with a team of police along the East-West Highway.", "Violent demonstration"),
    ("On 30 May 2022, residents blocked the major road with woods, benches and tables and demonstrated over a power outage.", "Violent demonstration"),
    ("On 12 January 2022, activists of BNP clashed with each other during their demonstration demanding the release of their chairperson.", "Violent demonstration"),
    ("On 13 April 2022, passengers demonstrated and destroyed some facilities at the airport over the delay of their flight.", "Violent demonstration"),
    # the violence is the grievance, or it did not happen
    ("On 8 April 2022, NCP members staged a protest in Ulhasnagar against the stone pelting at the house of the NCP chief.", "Peaceful protest"),
    ("On 13 April 2022, activists gathered near the embassy of Russia in Warsaw, protesting against war and looting of the Russian military.", "Peaceful protest"),
    ("On 11 June 2022, BJP members held a protest at Balurghat over being prevented from travelling to areas affected due to violent demonstrations.", "Peaceful protest"),
    ("On 31 January 2022, protesters marched through Canberra. Police formed a barrier, but there was no clash between the two sides.", "Peaceful protest"),
    ("Around 20 February 2022, in Caloto, citizens protested following several incidents of civilians injured during clashes between armed groups.", "Peaceful protest"),
])
def test_protest_or_riot(text, sub):
    assert _events(text)[0]["sub_event_type"] == sub


def test_a_protest_note_is_no_protest():
    assert _events("The embassy sent a protest note to the ministry on 3 May 2022.") == []


def test_police_named_after_a_riot_are_its_other_side():
    text = ("On 23 March 2022, residents blocked streets with rocks and rubbish around the municipal building in Bloemfontein. "
            "Police officers used stun grenades to disperse the crowd.")
    riot = _events(text)[0]
    assert (riot["sub_event_type"], riot["actor2"], riot["interaction"]) == ("Violent demonstration", "Police Forces of {country} ({period})", 15)


@pytest.mark.parametrize("sentence, killed", [
    ("it had announced a compensation of rs 2 lakh for the victims and rs 1 lakh for those killed in the riots.", []),
    ("a compensation of Rs 5 lakh each to the kin of the 3 killed.", [3]),
])
def test_money_is_not_a_death_toll(sentence, killed):
    assert count(sentence).killed == killed


@pytest.mark.parametrize("text, sub", [
    ("On 24 March 2022, in Alpuyeca, Morelos, residents captured two men accused of theft and beat them in Colonia Centro.", "Mob violence"),
    ("On 29 January 2022, motorists cornered and beat up two men, suspected to be robbers at the Allsopps in Ruaraka.", "Mob violence"),
    ("On 16 May 2022, in Macuspana, residents captured a man who was accused of rape and attempted homicide.", "Mob violence"),
    # the state or fighters punishing the accused are no mob
    ("On 3 May 2022, police beat a man accused of theft in Kano.", "Attack"),
    ("On 3 May 2022, gunmen killed a man accused of theft in Kano.", "Attack"),
])
def test_people_punishing_the_accused_are_a_mob(text, sub):
    assert _events(text)[0]["sub_event_type"] == sub


@pytest.mark.parametrize("text, sub, actor1", [
    # an analyst's crowd-size tag makes the report a demonstration, whatever else its words suggest
    ("On 4 May 2022, settlers physically assaulted a shepherd near Burqah. [size=no report]", "Mob violence", "Rioters ({country})"),
    ("On 4 May 2022, about 20 people hurled petrol bombs at a police station in Athens. [size=about 20]", "Mob violence", "Rioters ({country})"),
    ("On 4 May 2022, around 800 people damaged the offices of the power company in Tambu. [size=around 800]", "Mob violence", "Rioters ({country})"),
    ("On 4 May 2022, supporters of the jailed editor demanded his release in Rustavi. [size=several dozen]", "Peaceful protest", "Protesters ({country})"),
    ("On 4 May 2022, about 30 cars drove through Vladivostok with flags. [size=about 30 cars]", "Peaceful protest", "Protesters ({country})"),
    ("On 4 May 2022, activists occupied a house in Vienna against rent rises. 12 people were arrested. [size=40]", "Protest with intervention", "Protesters ({country})"),
    # without the tag, the same words are no demonstration
    ("On 4 May 2022, settlers physically assaulted a shepherd near Burqah.", "Attack", "Settlers (Israel)"),
])
def test_a_size_tag_makes_a_demonstration(text, sub, actor1):
    event = _events(text)[0]
    assert (event["sub_event_type"], event["actor1"]) == (sub, actor1)


@pytest.mark.parametrize("text, sub", [
    # a demonstration's own clashes and damage
    ("On 12 January 2022, activists of BNP clashed at a school ground in Puthia during their demonstration demanding the release of their chairperson.", "Violent demonstration"),
    ("On 10 April 2022, around 500 persons demonstrated in Rennes. They broke windows of a restaurant and set items on fire.", "Violent demonstration"),
    ("On 5 June 2022, a group of people burned electoral urns and ballots to demonstrate against the lack of support after the hurricane.", "Violent demonstration"),
    ("On 13 January 2022, about 200 people gathered in Haag for a rally against coronavirus measures. The tires of a police car were slashed.", "Violent demonstration"),
    ("On 24 May 2022, lawyers assaulted and injured passers-by during a demonstration in Bhopal.", "Violent demonstration"),
    # a rally's crowd attacking people is a mob
    ("On 20 May 2022, ODM supporters assaulted and chased a man in Rongo for chanting a rival candidate's name during an ODM rally.", "Mob violence"),
    # symbols burned, a flash mob, a date in March, a death protested: no riot
    ("On 28 January 2022, a group of people set BJP flags on fire in Zirakpur to protest against the party.", "Peaceful protest"),
    ("On 8 March 2022, people gathered for a flash mob in Venice to defend women's rights. [size=no report]", "Peaceful protest"),
    ("On 13 February 2022, around 200 people gathered in Aalborg over the murder of a young woman. [size=around 200]", "Peaceful protest"),
    ("Around 16 March 2022 (between 16 - 17 March), Russian military forces shelled the village of Yasnohorodka.", "Shelling/artillery/missile attack"),
])
def test_a_crowds_own_violence(text, sub):
    assert _events(text)[0]["sub_event_type"] == sub


@pytest.mark.parametrize("text, sub", [
    # protesters blocking a road is the protest, not the police stepping in
    ("On 5 May 2022, residents blocked the highway to complain about squatters, demanding their removal by police officers.", "Peaceful protest"),
    ("On 17 February 2022, prison guards blocked the entrance of the prison to demand higher salaries.", "Peaceful protest"),
    ("On 8 June 2022, activists staged a protest at a conference in Lisbon. Police forces pushed the protesters outside the room.", "Protest with intervention"),
    # a killing by police the protest is about is no excessive force
    ("On 15 April 2022, people marched in Grand Rapids to call for justice for a man killed by the police two weeks ago.", "Peaceful protest"),
    ("On 18 February 2022, people gathered outside the police headquarters to protest the death of a man who was shot and killed by police.", "Peaceful protest"),
    ("On 18 February 2022, police opened fire on protesters in Khartoum, killing two.", "Excessive force against protesters"),
    # rioting against something, or breaking windows, is a demonstration turned violent
    ("On 13 May 2022, rioters broke the windows of a construction company's offices in Atlanta.", "Violent demonstration"),
])
def test_how_a_protest_went(text, sub):
    assert _events(text)[0]["sub_event_type"] == sub


def test_rival_supporters_fighting_are_rioters_on_both_sides():
    event = _events("On 26 June 2022, rival supporters of two candidates clashed in Kandhkot, injuring 30 people.")[0]
    assert (event["sub_event_type"], event["actor1"], event["actor2"], event["interaction"]) == (
        "Mob violence", "Rioters ({country})", "Rioters ({country})", 55)


@pytest.mark.parametrize("text, actor2", [
    ("On 26 March 2022, at least 120 members of Awami League and BNP clashed in Ramgati. [size=at least 120]", "Rioters ({country})"),
    ("On 23 March 2022, two mobs clashed with each other in Thaloi village over cylinders. [size=no report]", "Rioters ({country})"),
    ("On 23 March 2022, a mob beat a man accused of theft in Thaloi village.", "Civilians ({country})"),
])
def test_whom_a_mob_fought(text, actor2):
    event = _events(text)[0]
    assert (event["sub_event_type"], event["actor2"]) == ("Mob violence", actor2)

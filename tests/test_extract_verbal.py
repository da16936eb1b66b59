"""Events made of words: threatened, announced, planned or imagined violence and protest is no
event; the same words reporting what happened are (PLOVER's verbal categories, news sentences)."""

import pytest

from pipeline.extract import _mention
from pipeline.extract.actors import load_dictionary


def _sub(sentence):
    found = _mention("t", 0, 0, len(sentence), sentence, None, load_dictionary())
    return found[0]["sub_event_type"] if found else None


@pytest.mark.parametrize("sentence", [
    "Iran threatened to shell Iraqi towns today in retaliation.",
    "Radical French farmers said on Friday they would blockade Paris from Monday night to demand an end to the reform.",
    "Palestinian leaders said they would boycott all official contact with the United States.",
    "the party will observe a statewide protest day on march 9.",
    "President Laurent Gbagbo announced on Sunday that he will extend the night-time curfew in Abidjan.",
    "If controlling riots within 72 hours was a crime, I should be hanged.",
    "With no specific person accused, the police will not be able to make any arrests.",
])
def test_violence_or_protest_announced_or_imagined_is_no_event(sentence):
    assert _sub(sentence) is None


@pytest.mark.parametrize("sentence, sub", [
    ("Farmers blockaded Paris on Monday to demand an end to the reform, and said they would return.", "Peaceful protest"),
    ("Iranian artillery shelled Iraqi towns today, and Baghdad said it would respond.", "Shelling/artillery/missile attack"),
    ("Police arrested 12 protesters who said they will keep marching.", "Protest with intervention"),
])
def test_what_happened_stays_an_event_beside_what_will(sentence, sub):
    assert _sub(sentence) == sub


@pytest.mark.parametrize("sentence", [
    "He had a cardiac arrest, and his body temperature had dropped to 22 degrees.",
    'Imposing new tariffs is "an economic dead end," he said.',
    "He immediately shot down rumors of the V8 making its way to any other car.",
    "The fire service was busy fighting two apartment fires overnight.",
    "The civil service had been the administrative arm of the execution of insidious agendas.",
])
def test_violent_words_used_figuratively_are_no_event(sentence):
    assert _sub(sentence) is None


def test_a_figurative_death_is_not_counted():
    from pipeline.extract.casualties import count

    assert count('Imposing new tariffs is "an economic dead end," he said.').killed == []
    assert count("Two bodies were found at a dead end near the river.").killed == [2]


@pytest.mark.parametrize("sentence", [
    "Tesco Stores SR has confirmed negotiations with potential buyers, the Trend weekly reported.",
    "Negotiations will not be interrupted, Wang said.",
    "Harare's Third Street was renamed after the late founder of the party.",
    "Officials said two people had to be evacuated from a second floor suite.",
])
def test_strategic_developments_need_a_party_to_a_conflict(sentence):
    assert _sub(sentence) is None


@pytest.mark.parametrize("sentence, sub", [
    ("On 12 January 2022, representatives of BRN and the Thai government held the third peace talk in Kuala Lumpur.", "Agreement"),
    ("Bosnia and Slovenia agreed to a ceasefire after two days of fierce fighting.", "Agreement"),
    ("On 26 February 2022, around 40 Mayi Mayi militiamen surrendered to the FARDC, laying down their weapons.", "Agreement"),
    ("Bosnian Serb forces completed their withdrawal from the town of Gorazde.", "Non-violent transfer of territory"),
])
def test_strategic_developments_between_parties(sentence, sub):
    assert _sub(sentence) == sub


def test_the_side_that_surrenders_is_actor1():
    sentence = "On 17 May 2022, a CPI-Maoist commander surrendered before security forces in Dantewada."
    found = _mention("t", 0, 0, len(sentence), sentence, None, load_dictionary())[0]
    assert (found["sub_event_type"], found["actor1"]) == ("Agreement", "CPI (Maoist): Communist Party of India (Maoist)")


@pytest.mark.parametrize("sentence", [
    "In March it was reported that 4,970 potholes were recorded since the beginning of this year.",
    "The NAFTA countries have been negotiating since the last formal round ended in March.",
    "plans are afoot to dispatch the trucks in the first week of march to ayodhya.",
])
def test_the_month_of_march_is_no_march(sentence):
    assert _sub(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Thousands of teachers marched to the state capitol on Monday.",
    "On 5 March 2022, students held a march in Dhaka to demand safe roads.",
])
def test_a_march_is_still_a_protest(sentence):
    assert _sub(sentence) == "Peaceful protest"


@pytest.mark.parametrize("sentence", [
    "The United States approved a contract to sell Saudi Arabia 180 self-propelled artillery systems for $1.31 billion.",
    "A Russian official offered concessions that could lead to an agreement on reducing nuclear missiles in Europe.",
])
def test_weapons_named_without_use_are_no_attack(sentence):
    assert _sub(sentence) is None


@pytest.mark.parametrize("sentence", [
    "On 10 February 2022, the OSCE SMM observed a total of 11 projectiles involving unknown weapons near Shyrokyne.",
    "On 6 May 2022, Russian forces missiles at Pokrovske, Dnipropetrovsk.",
    "Rebels fired rockets at the airport.",
])
def test_weapons_used_are_shelling(sentence):
    assert _sub(sentence) == "Shelling/artillery/missile attack"


@pytest.mark.parametrize("sentence", [
    "The story of Argentina demonstrates the destructive potential of powerful public sector unions.",
    "Liverpool's high-scoring Egyptian international striker scored twice.",
    "Tamil Nadu filed the contempt petition in the apex court on Saturday.",
    "It was gathered that the victims of the disease are mostly women and children.",
    "A strict vigil was also being maintained on temples and mosques.",
    "Certain political leaders are engaged in pleasing minorities.",
    "The senate condemned the offensive remarks made about Mexicans.",
])
def test_protest_and_fighting_words_in_other_senses_are_no_event(sentence):
    assert _sub(sentence) is None


@pytest.mark.parametrize("sentence, sub", [
    ("Around 100 people gathered for a vigil at the Peace Garden in Derry.", "Peaceful protest"),
    ("Hundreds demonstrated against the new tax in the capital.", "Peaceful protest"),
    ("Workers submitted a petition to the governor outside his office.", "Peaceful protest"),
    ("Nigerian troops engaged militiamen at Danmarke.", "Armed clash"),
])
def test_the_same_words_reporting_an_event(sentence, sub):
    assert _sub(sentence) == sub


@pytest.mark.parametrize("sentence", [
    "She said she was picked up by the male driver at home.",
    "The campaigning of family members of detained lawyers had drawn international attention.",
])
def test_no_arrest_in_a_lift_or_in_a_detained_persons_description(sentence):
    assert _sub(sentence) is None


def test_picked_up_by_the_police_is_an_arrest():
    assert _sub("Two activists were picked up by the police in Dhaka on Monday.") == "Arrests"


@pytest.mark.parametrize("sentence", [
    "European Community foreign ministers demanded the withdrawal of Serbian forces from Bosnia on Monday.",
    "The Sudanese government and the rebels in Darfur must reach an agreement that stops the conflict.",
    "Serbia lodged an official protest with Albania today.",
])
def test_developments_asked_for_and_diplomatic_protests_are_no_event(sentence):
    assert _sub(sentence) is None


def test_an_arrest_named_in_a_demand_is_still_read_by_the_arrest_rules():
    assert _sub("The students demanded the release of a classmate police detained last week.") is not None


@pytest.mark.parametrize("sentence", [
    "Nassar is serving long prison sentences for molesting dozens of gymnasts.",
    "Aniya's mother and her boyfriend have been charged with aggravated murder in the girl's death.",
])
def test_a_crime_named_as_a_charge_or_sentence_is_no_event(sentence):
    assert _sub(sentence) is None


def test_an_arrest_for_a_crime_is_the_arrest():
    assert _sub("Police arrested a man accused of raping a girl in Kano on Monday.") == "Arrests"


@pytest.mark.parametrize("sentence", [
    "The Bible was sold only by government-sanctioned bodies to Catholics and Protestants.",
    "This was also demonstrated by our decision, which is different from most EU states.",
    "Prepare for the demonstration phase expected to begin in the second half of 2018.",
    "Though London's total was higher than New York's in February and March, it was lower in January.",
    "Turkington and Collard gathered 20 podiums between them last season.",
    "An air ambulance landed nearby, and police closed the road while paramedics attended the scene.",
    "The Commission has taken another important step towards fighting work-related cancer.",
    "Pope Francis is celebrating the solemn Easter Vigil service in St. Peter's Basilica.",
    "Many of these land disputes have been fought in the courts.",
])
def test_more_words_in_other_senses_are_no_event(sentence):
    assert _sub(sentence) is None


@pytest.mark.parametrize("sentence, sub", [
    ("On 16 February 2022, cadres of 6 political parties staged a demonstration by burning tires in Pokhara city.", "Violent demonstration"),
    ("A similar peace march was also taken out by Gandhians in Ahmedabad.", "Peaceful protest"),
])
def test_demonstrations_and_marches_still_count(sentence, sub):
    assert _sub(sentence) == sub


@pytest.mark.parametrize("sentence", [
    "The centre works with schools, NGOs and government bodies to create performances.",
    "The other characters are Dimple Kapadia and Arjun Chakraborty and the shooting will start at the end of this year.",
])
def test_organisations_and_film_shoots_are_no_attack(sentence):
    assert _sub(sentence) is None

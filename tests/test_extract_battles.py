"""When artillery, air power or a blast is part of a clash: small arms or a ground attack beside it."""

import pytest

from pipeline.extract import _mention
from pipeline.extract.actors import load_dictionary


def _one(sentence):
    found = _mention("t", 0, 0, len(sentence), sentence, None, load_dictionary())
    return found[0] if found else None


@pytest.mark.parametrize("sentence, sub, actor1", [
    ("On 13 June 2022, PKK militants attacked Turkish soldiers in Gire Cudi area of Duhok, in conjunction with airstrikes and artillery shelling carried out by Turkish forces.",
     "Armed clash", "PKK: Kurdistan Workers Party"),
    ("On 13 January 2022, the Ukrainian Forces fired grenade launchers and small arms at the positions of the Luhansk People's Militia near Chervonyi Yar, Luhansk.",
     "Armed clash", "Military Forces of Ukraine ({period:UA})"),
    ("On 6 June 2022, presumed JNIM militants carried out a complex ambush involving IED detonation and gunfire against an army convoy near Bougui.",
     "Armed clash", "JNIM: Group for Support of Islam and Muslims"),
    ("On 19 February 2022, the NAF rebel forces fired 82mm mortars, grenade launchers and small arms at the governmental positions near Pivdenne, Donetsk.",
     "Armed clash", "NAF: United Armed Forces of Novorossiya"),
    # without direct fire or a ground attack the weapon names the event
    ("On 12 February 2022, the OSCE SMM observed 5 explosions/bursts of fire involving heavy machineguns/unknown weapons near Kalynove.",
     "Remote explosive/landmine/IED", "Unidentified Armed Group ({country})"),
    ("Israeli warplanes struck Hamas positions in Gaza.", "Air/drone strike", "Military Forces of Israel ({period:IL})"),
    ("A bomb exploded in a crowded market and gunmen opened fire on shoppers.", "Remote explosive/landmine/IED", "Unidentified Armed Group ({country})"),
])
def test_clash_or_remote_violence(sentence, sub, actor1):
    mention = _one(sentence)
    assert (mention["sub_event_type"], mention["actor1"]) == (sub, actor1)


def test_a_groups_rebel_forces_are_the_group_not_the_state():
    found = load_dictionary().find("the NAF rebel forces fired at the governmental positions")
    assert [(a.text, a.role) for a in found] == [("NAF", "rebel"), ("governmental positions", "state")]


@pytest.mark.parametrize("sentence, sub", [
    ("On 7 April 2022, unknown cattle raiders attacked an unspecified cattle camp in Uror county, killing one person.", "Attack"),
    ("On 3 May 2022, militants attacked an army camp in Borno, killing 3 soldiers.", "Armed clash"),
])
def test_a_camp_of_herders_is_no_military_target(sentence, sub):
    assert _one(sentence)["sub_event_type"] == sub


def test_fighting_someone_gave_up_is_no_battle():
    from pipeline.extract.event_types import classify

    sentence = "The guerrillas walked into an army camp with their families and said they were tired of fighting."
    assert classify(sentence, has_state=True, has_armed=True, target_is_civilian=False, killed=False) is None


def test_police_firing_is_the_police_shooting():
    from pipeline.extract.event_types import classify

    sentence = "Three people died in police firing in the town on Friday."
    typing = classify(sentence, has_state=True, has_armed=False, target_is_civilian=False, killed=True)
    assert typing is not None and (typing.sub_event_type, typing.trigger) == ("Attack", "police firing")


def _events(text):
    from pipeline.extract import extract_article

    return [m for m in extract_article({"article_id": "t", "text": text, "published": None}, load_dictionary()) if not m["is_background"]]


@pytest.mark.parametrize("sentence, sub", [
    # mines or bombs an attack used name it, and a mine's history is no battle
    ("On 9 January 2022, the PDF attacked a military convoy with mines near Taze.", "Remote explosive/landmine/IED"),
    ("On 9 January 2022, six soldiers on patrol were attacked with mines by the PDF near Pakokku.", "Remote explosive/landmine/IED"),
    ("On 17 March 2022, a landmine from previous clashes exploded in As-Sanamayn, killing a girl.", "Remote explosive/landmine/IED"),
    ("On 28 March 2022, fighting broke out between the KIA and the military after a landmine attack by the KIA near Kutkai.", "Armed clash"),
    # air power named by the craft that fired
    ("On 2 March 2022, the Ukrainian air force fired at Russian military vehicles near Rusaniv.", "Air/drone strike"),
    ("On 11 April 2022, Houthi forces conducted an attack with 'drones' on military targets west of Taizz.", "Air/drone strike"),
    ("On 18 February 2022, two Taliban helicopters carried out attacks against NRF forces in Andarab.", "Air/drone strike"),
])
def test_the_weapon_names_the_attack(sentence, sub):
    assert _one(sentence)["sub_event_type"] == sub


@pytest.mark.parametrize("text, sub", [
    ("On 5 February 2022, the PDF attacked a military convoy with four mines near Myin Thei. The military fired back.", "Armed clash"),
    ("On 16 January 2022, militants fired two rockets at a police post in Kulachi. Police personnel retaliated by exchanging fire.", "Armed clash"),
    ("On 19 June 2022, militants threw a hand grenade at soldiers at a checkpoint in Mogadishu. Soldiers reacted with gunfire after the explosion.", "Armed clash"),
    # nobody fired back
    ("On 5 February 2022, the PDF attacked a military convoy with four mines near Myin Thei. Three soldiers were injured.", "Remote explosive/landmine/IED"),
])
def test_firing_back_makes_a_blast_a_clash(text, sub):
    assert _events(text)[0]["sub_event_type"] == sub


@pytest.mark.parametrize("sentence, sub", [
    ("On 8 June 2022, a shelling exchange with rockets took place between Turkish forces and the QSD in Tawileh.", "Armed clash"),
    ("On 15 January 2022, Houthi forces shelled villages, prompting anti-Houthi forces to shell back Houthi positions.", "Armed clash"),
    ("On 15 January 2022, Houthi forces shelled villages near Aqabat Thirah.", "Shelling/artillery/missile attack"),
    # "at least" is part of who was hit
    ("On 26 March 2022, Wagner and Malian forces killed at least ten people in the village of Sambaladio.", "Attack"),
])
def test_exchanges_and_victims(sentence, sub):
    assert _one(sentence)["sub_event_type"] == sub


@pytest.mark.parametrize("sentence, sub", [
    ("On 29 April 2022, Russian forces tried to advance towards Popasna, clashing with Ukrainian forces.", "Armed clash"),
    ("On 5 May 2022, battles between Ukrainian and Russian forces continued near Kharkiv.", "Armed clash"),
    ("On 24 June 2022, rival drug traffickers exchanged heavy fire in Parada de Lucas.", "Armed clash"),
    ("On 4 February 2022, the SRF hurled three bombs at a military convoy on patrol in Hlaingtharya.", "Grenade"),
])
def test_words_of_fighting(sentence, sub):
    assert _one(sentence)["sub_event_type"] == sub


def test_air_support_named_before_the_ground_battle():
    sentence = "On 4 January 2022, pro-Hadi forces, supported by Saudi-led coalition air raids, clashed with Houthi forces in Marib."
    assert _one(sentence)["sub_event_type"] == "Armed clash"


def test_two_unnamed_groups_clash():
    mention = _one("On 3 May 2022, unidentified armed men exchanged fire in the Tarim market.")
    assert (mention["sub_event_type"], mention["actor1"], mention["actor2"], mention["interaction"]) == (
        "Armed clash", "Unidentified Armed Group ({country})", "Unidentified Armed Group ({country})", 33)

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

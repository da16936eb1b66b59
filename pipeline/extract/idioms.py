"""Words of violence used figuratively: "a cardiac arrest", "an economic dead end", "shot down
the rumours", "fighting two apartment fires", "the execution of the plan". They are blanked
(same length, so offsets hold) before a sentence is typed or its dead are counted."""

from __future__ import annotations

import re

from pipeline.extract.prefilter import Gated

_WORDS = r"(?:\w+ ){0,2}?"
FIGURATIVE = Gated(re.compile(
    r"\b(?:cardiac|heart|respiratory|cardio-?pulmonary) arrests?\b"
    r"|\b(?:heart|panic|asthma|anxiety) attacks?\b"
    r"|\bdead[- ]ends?\b|\bdead heat\b|\bdead ringer\b"
    r"|\bshot down (?:the |his |her |their |a |an |any )?" + _WORDS + r"(?:rumou?rs?|reports?|claims?|speculation|ideas?|proposals?|suggestions?|bills?|motions?|requests?|plans?)\b"
    r"|\bfight(?:s|ing)? (?:against )?(?:the |a |an |two |three |several )?(?:[\w-]+ ){0,2}?(?:fires?|blazes?|wildfires?|bushfires?|flames|cancer|disease|obesity|poverty|inflation)\b"
    r"|\b(?:ultimate|cage|prize|mixed martial arts) fight(?:s|ing|ers?)?\b|\bhard[- ]fought\b|\bfought (?:\w+ ){0,2}in (?:the )?courts?\b|\bfighting (?:at|for) the front of the (?:pack|field|grid)\b"
    r"|\beaster vigil\b|\bpaschal vigil\b"
    # organisations, not the dead: "regulatory bodies", "government-sanctioned bodies"
    r"|\b(?:[\w]+-)?(?:governing|regulatory|public|statutory|professional|representative|advisory|elected|sanctioned|student|sports?|official"
    r"|international|religious|civic|government|governmental|legislative|judicial|oversight|standards?|funding|local) bodies\b"
    r"|\bexecution of (?:the |its |their |his |her |a |an )?" + _WORDS + r"(?:agendas?|plans?|projects?|contracts?|orders?|strateg(?:y|ies)|polic(?:y|ies)|budgets?|warrants?|programmes?|programs?)\b"
    r"|\b(?:trade|price|tariff|culture|bidding) wars?\b|\bwar of words\b|\bwar on (?:drugs|poverty|cancer|obesity|waste)\b"
    r"|\b(?:legal|court|custody|courtroom) battles?\b|\bbattles? (?:with|against) (?:cancer|obesity|addiction|depression|illness)\b"
    r"|\bbombed at the box office\b|\bbombshells?\b|\bphoto ?shoots?\b"
    # a film's shooting: "the shooting will start at the end of this year"
    r"|\b(?:film|movie|video|photo) shoot(?:ing)?s?\b|\bshooting (?:of|for) (?:the |a |his |her |their )?(?:film|movie|series|serial|video|scenes?|songs?)\b"
    r"|\b(?:the )?shooting (?:will|would|is to|was to) (?:start|begin|resume)\b"
    # watchfulness, not a gathering: "a strict vigil was maintained on temples"
    r"|\b(?:strict|close|sharp|tight|constant|round-the-clock|strong|special|keep|keeps|keeping|kept|maintain\w*|mount\w*|step\w* up) (?:a |the )?(?:\w+ )?vigil\b"
    r"|\bvigil (?:is|was|were|are|be|being|has been|had been|will be) (?:\w+ )?(?:maintained|kept|mounted|stepped up|intensified)\b"
    # a diplomatic note, not a crowd: "Serbia lodged an official protest with Albania"
    r"|\blodg\w* (?:an? |its |their )?(?:\w+ )?protests?\b"
    # an insult, not an attack: "offensive remarks"
    r"|\boffensive (?:remarks?|comments?|statements?|language|words|content|posts?|tweets?|jokes?|slogans?|behaviou?r|graffiti|messages?|songs?|chants?|videos?|cartoons?|images?|pictures?)\b",
    re.I))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def literal(sentence: str) -> str:
    """``sentence`` with its figurative uses of violent words blanked."""
    return FIGURATIVE.sub(_blank, sentence)

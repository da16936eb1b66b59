"""Stage 2, extract: articles -> event mentions, one per sentence that reports an event.

Each mention keeps its provenance (article, sentence offsets, evidence text)
and every field a coder reads from a sentence: type, actors, date, deaths,
injuries, claims. Background references to older events are kept, flagged
``is_background``, and never become events on the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

from pipeline.extract.actors import ARMED_ROLES, ActorDictionary, ActorMention, load_dictionary
from pipeline.extract.casualties import Counts, count
from pipeline.extract.claims import find_claim, nobody_claimed
from pipeline.extract.dates import ResolvedDate, find_dates
from pipeline.extract.event_types import AIR as AIR_WORDS
from pipeline.extract.event_types import (
    CIVILIAN_TARGET,
    DISAPPEARED,
    PASSIVE_ARREST,
    PASSIVE_INTERVENTION,
    PROTESTERS_VIOLENT,
    RETURN_FIRE,
    SIZE_TAG,
    arrest_clause,
    classify,
    could_report,
    own_rioting,
    stepped_in,
)
from pipeline.extract.sentences import split_sentences

Mention = dict[str, Any]

# Words that place a sentence's event in the past of the story, not on its date.
BACKGROUND = re.compile(
    r"\b(?:last|previous|past) (?:year|years|months|decade)\b|\bearlier this year\b|\bin (?:19|20)\d\d\b|\bsince (?:19|20)\d\d"
    r"|\b(?:years|months|decades) ago\b|\ba year ago\b|\banniversary\b|\bso far this year\b|\bin recent (?:months|years|weeks)\b"
    r"|\b(?:has|have) (?:killed|carried out|stepped up)\b|\bover the past\b|\bpreviously\b"
    r"|\bhave been killed (?:since|this year)\b|\bthis year alone\b|\bremembered\b|\bcommemorat"
    r"|\bfor (?:decades|years|months)\b|\bin the past\b"
    # a year naming an event as a name does: "the 1993 riots", "since the 1984 anti-Sikh violence"
    r"|\b(?:19|20)\d\d(?:'s)? (?:[\w-]+ ){0,2}?(?:riots?|violence|massacres?|pogrom|carnage|attacks?|bombings?|blasts?|killings?|clashes|demolition|firing|war|uprising|insurgency)\b"
    # a count of past events, not one: "rights groups have documented several strikes that killed civilians"
    r"|\b(?:have|has) (?:documented|recorded|reported|seen|suffered|witnessed) (?:several|many|numerous|repeated|dozens of|a series of|a spate of|a number of)\b",
    re.I,
)
# Tallies over a period: background even in a sentence that opens with its own date.
TALLY = re.compile(
    r"(?<!\bto )\b(?:has|have) (?:killed|carried out|stepped up)\b|\bso far this year\b|\bthis year alone\b|\bhave been killed (?:since|this year)\b|\bover the past\b",
    re.I,
)
# "On 4 March 2022, ..." / "Around 12 April 2022 (as reported), ...": a sentence that opens with
# a written-out date reports the event of that date; a year or an anniversary further on is
# context ("to mark the anniversary of ...", "officers fired in 2017 ..."). The date itself
# still makes the mention background when it is old.
_OPENING_DATE_CHARS = 50
# How far before the story's anchor date a mention may be and still be news.
BACKGROUND_DAYS = 7
# A report leads with its main event; what later sentences add is more often context or an aside.
LATER_SENTENCE = 0.8
NO_DATE_NOTE = "no publication date and no explicit date in the text"


def extract_articles(articles: Iterable[dict[str, Any]], actors: ActorDictionary | None = None) -> Iterator[Mention]:
    actors = actors or load_dictionary()
    for article in articles:
        yield from extract_article(article, actors)


def extract_article(article: dict[str, Any], actors: ActorDictionary) -> list[Mention]:
    text: str = article["text"]
    published: dt.date | None = article.get("published")
    mentions: list[tuple[Mention, list[ResolvedDate]]] = []
    arrests: list[tuple[Mention, list[ResolvedDate]]] = []
    lead: ResolvedDate | None = None
    spans = list(split_sentences(text))
    demonstration = bool(SIZE_TAG.search(text))
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        found = _mention(article["article_id"], index, start, end, sentence, published, actors, demonstration)
        previous = mentions[-1][0] if mentions and not mentions[-1][0]["is_background"] else None
        if previous is not None and previous["event_type"] == "Protests" and not (found and (found[1] or found[0]["is_background"])):
            # how the protest went on: police stepping in, protesters turning violent
            upgraded = _upgrade_protest(previous, sentence, _acting(actors, sentence, start))
            if found is not None and (upgraded or found[0]["event_type"] in ("Protests", "Riots")) and found[0]["sub_event_type"] != "Arrests":
                found = None
        elif previous is not None and previous["event_type"] == "Riots" and not previous["actor2"] and not (found and (found[1] or found[0]["is_background"])):
            # "Police officers used stun grenades to disperse the crowd": who met the riot
            _upgrade_protest(previous, sentence, _acting(actors, sentence, start))
        if previous is not None and not (found and (found[1] or found[0]["is_background"])) and _fired_back(previous, sentence):
            found = None  # the rest of the fight the sentence before began
        if previous is not None and previous["sub_event_type"] == "Arrests" and DISAPPEARED.search(sentence):
            # "Their whereabouts remained unknown": the people held were made to disappear
            previous.update(event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance",
                            disorder_type="Political violence", civilian_targeting="Civilian targeting")
        if found is not None and previous is not None and _continues(found, sentence, previous):
            found = None
        if found is not None and found[0]["sub_event_type"] == "Arrests" and previous is not None:
            _after_arrest(found[0], sentence, mentions, _acting(actors, sentence, start))
        if found is not None:
            mentions.append(found)
            arrest = None if previous is not None and previous["event_type"] == "Protests" else _arrest_beside(found[0], sentence, start, actors)
            if arrest is not None:
                arrests.append((arrest, found[1]))
        elif previous is not None:
            _add_casualties(previous, sentence)
            if not nobody_claimed(sentence) or _BLAMED.search(sentence):
                # "no group claimed it, but officials blamed Boko Haram" names the attackers;
                # "no group claimed it, but al-Shabaab often carries out such attacks" does not
                _name_generic_actors(previous, _acting(actors, sentence, start))
        if lead is None:
            dates = found[1] if found else find_dates(sentence, start, published)
            lead = next((d for d in dates if published is None or d.date <= published), None)
    mentions += arrests
    _resolve_dates(mentions, published, lead)
    _attach_claims([m for m, _ in mentions], text, spans, actors)
    return [m for m, _ in mentions]


# Weapons fired from afar or planted: the other side firing back makes the event a clash.
_FIRED_FROM_AFAR = ("Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade")


def _fired_back(previous: Mention, sentence: str) -> bool:
    """"The military fired back.", "The blast was followed by an ambush and exchange of gunfire": the side
    hit by the blast or the shells fought back, and ACLED codes the whole as an armed clash. True when
    the sentence changed the event before it."""
    if previous["sub_event_type"] not in _FIRED_FROM_AFAR or not RETURN_FIRE.search(sentence) or BACKGROUND.search(sentence):
        return False
    previous.update(event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence", civilian_targeting=None,
                    trigger=f"{previous['trigger']}; {RETURN_FIRE.search(sentence).group(0)}")  # type: ignore[union-attr]
    return True


def _after_arrest(arrest: Mention, sentence: str, mentions: list[tuple[Mention, list[ResolvedDate]]], found: Sequence[ActorMention]) -> None:
    """"Two members of the 400 Mawozo gang were arrested. 1 fatality.": the arrest of a group's
    members names the unidentified attackers of the violence just reported, and a death toll
    the arrest sentence carries belongs to that violence, not to the arrest."""
    violent = next((m for m, _ in reversed(mentions) if not m["is_background"] and m["event_type"] not in ("Strategic developments", "Protests")), None)
    if violent is None:
        return
    if PASSIVE_ARREST.search(sentence):
        _name_generic_actors(violent, found)
    if arrest["fatalities_high"] is not None:
        _add_casualties(violent, sentence)
        arrest.update(fatalities=0, fatalities_low=None, fatalities_high=None)


# Arrests at a protest are how police met it, and arrests in a battle are part of the fighting.
_HOLDS_ITS_ARRESTS = ("Protests", "Battles", "Strategic developments")


def _arrest_beside(mention: Mention, sentence: str, start: int, actors: ActorDictionary) -> Mention | None:
    """"Officials said 73 people died in police firing while over 2,500 were arrested": arrests
    reported in a clause of their own beside a killing or a riot are an Arrests event of their own."""
    if mention["is_background"] or mention["event_type"] in _HOLDS_ITS_ARRESTS:
        return None
    verb = arrest_clause(sentence)
    if verb is None:
        return None
    found = _dedupe(_acting(actors, sentence, start))
    actor1, actor2 = _assign("Arrests", found, sentence, start)
    actor2 = [a for a in actor2 if not actor1 or a.name != actor1[0].name]
    return {**mention, "mention_id": mention["mention_id"].removesuffix(".0") + ".1", "trigger": verb,
            "event_type": "Strategic developments", "sub_event_type": "Arrests", "disorder_type": "Strategic developments",
            **_actor_fields(actor1, actor2), "civilian_targeting": None, "fatalities": 0, "fatalities_low": None,
            "fatalities_high": None, "injuries": None, "responsibility_claimed": False, "claimed_by": None, "claim_channel": None,
            "claim_source": None}


@lru_cache(maxsize=256)
def _acting(actors: ActorDictionary, sentence: str, start: int) -> tuple[ActorMention, ...]:
    """The actors a sentence names, less those it only quotes ("police said"). Cached: the
    sentence loop asks again for the sentence it has just read (protest follow-ups, claims)."""
    return tuple(a for a in actors.find(sentence, start) if not _is_source(sentence, a.start - start, a.end - start))


def _actor_fields(actor1: list[ActorMention], actor2: list[ActorMention]) -> Mention:
    """A mention's actor columns: the first of each side, the rest associated, inter codes."""
    inter1 = actor1[0].inter if actor1 else None
    inter2 = actor2[0].inter if actor2 else 0
    return {"actor1": actor1[0].name if actor1 else None, "assoc_actor_1": "; ".join(a.name for a in actor1[1:]) or None, "inter1": inter1,
            "actor2": actor2[0].name if actor2 else None, "assoc_actor_2": "; ".join(a.name for a in actor2[1:]) or None, "inter2": inter2,
            "interaction": interaction(inter1, inter2)}


_ANAPHORA = re.compile(r"^(?:the (?:attack|attacks|clash|clashes|blast|explosion|bombing|incident|fighting|violence|raid|assault|shooting|gunmen|attackers|assailants|militants|victims?)|this|they|he|she|it|both|all of them|among the dead)\b", re.I)


# The state's own killing: "died in police firing", "shot dead by troops".
_STATE_KILLING = re.compile(
    r"\b(?:police|army|troops|soldiers|security forces|forces|paramilitary|jawans|crpf|bsf)\b[^.;]{0,30}?\b(?:firing|fired|opened fire|shot|killed|gunned)"
    r"|\b(?:firing|fire|shot|killed|gunned down|shot dead)\b[^.;]{0,20}?\bby (?:the )?(?:police|army|troops|soldiers|security forces|forces)\b", re.I)


def _continues(found: tuple[Mention, list[ResolvedDate]], sentence: str, previous: Mention) -> bool:
    """A sentence that goes on about the event before it ("The attack killed 12", "Police
    intervened and detained 13") rather than report a new one: no date of its own, and it
    points back, or its words are weaker than a new report's, or it tells how police met a protest."""
    mention, dates = found
    if dates or mention["is_background"]:
        return False
    if previous["event_type"] == "Protests" and mention["event_type"] != "Protests" and "Forces" in f"{mention['actor1']}{mention['actor2']}":
        return True
    if mention["sub_event_type"] == "Arrests":
        return False  # arrests after a riot or an attack are an event of their own in ACLED
    if (mention["fatalities"] and "Forces" in (mention["actor1"] or "") and "Forces" not in f"{previous['actor1']}{previous['actor2']}"
            and _STATE_KILLING.search(sentence)):
        return False  # "73 people died in police firing" after a report of riots: the police's own killing
    if bool(_ANAPHORA.match(sentence)) or mention["confidence"] < 0.5:
        return True
    # Without a date or a count of its own, a weaker sentence tells more of the same story.
    return not mention["fatalities"] and mention["confidence"] < previous["confidence"] and mention["confidence"] < 0.7


# One side's account of the other's violence: "officers acted after some demonstrators threw stones".
_JUSTIFIED = re.compile(r"\b(?:said|says|claimed|alleged|accused|insisted|maintained)\b[^.;]{0,80}\bthat\b|\bin a statement\b|\b(?:according to|police said|authorities said)\b", re.I)


def _upgrade_protest(previous: Mention, sentence: str, found: Sequence[ActorMention]) -> bool:
    """A protest whose later sentences tell that protesters threw stones or burned tyres is a violent
    demonstration; one that police dispersed is a protest with intervention, or excessive force
    when they killed. Only ever upgrades; True when the sentence changed the event."""
    state = next((a for a in found if a.role == "state"), None)
    if previous["sub_event_type"] == "Peaceful protest" and not previous["actor2"] and _COUNTER.search(sentence):
        # "Around 20 people gathered for a counter-demonstration": the protest's other side
        previous.update(actor2="Protesters ({country})", inter2=6, interaction=66)
    if previous["event_type"] == "Riots":
        if state and not previous["actor2"]:
            previous.update(actor2=state.name, inter2=1, interaction=interaction(previous["inter1"], 1))
        return False
    rioting = own_rioting(sentence) or PROTESTERS_VIOLENT.search(sentence)
    if rioting and (previous["sub_event_type"] == "Excessive force against protesters" or _JUSTIFIED.search(sentence)):
        rioting = None  # the police's account of stone throwing does not undo a killing of protesters
    if rioting:
        actor2 = state.name if state else previous["actor2"]
        inter2 = 1 if state else previous["inter2"]
        previous.update(event_type="Riots", sub_event_type="Violent demonstration", disorder_type="Demonstrations",
                        actor1="Rioters ({country})", inter1=5, actor2=actor2, inter2=inter2, interaction=interaction(5, inter2),
                        civilian_targeting=None, trigger=f"{previous['trigger']}; {rioting.group(0)}")
        return True
    if state is None and PASSIVE_INTERVENTION.search(sentence):
        # "One person was arrested": someone stepped in, most likely the police
        state = _generic("Police Forces of {country} ({period})", 1, "state")
    if state is None or BACKGROUND.search(sentence) or not (stepped_in(sentence) or count(sentence).killed):
        return False  # an arrest in 2018 or one the protesters demand is not the police stepping in
    killed = bool(count(sentence).killed and max(count(sentence).killed) > 0)
    if previous["sub_event_type"] == "Excessive force against protesters" or (previous["sub_event_type"] == "Protest with intervention" and not killed):
        return True
    sub = "Excessive force against protesters" if killed else "Protest with intervention"
    previous.update(sub_event_type=sub, actor2=state.name, inter2=1, interaction=interaction(previous["inter1"], 1),
                    disorder_type="Political violence; Demonstrations" if killed else "Demonstrations")
    return True


_BLAMED = re.compile(r"\b(?:blamed|suspected|accused|attributed|believed to (?:be|have)|thought to (?:be|have)|identified as)\b", re.I)


def _name_generic_actors(mention: Mention, found: Sequence[ActorMention]) -> None:
    """"The attackers were identified as JNIM fighters": a named group in a later sentence
    names the unidentified armed group of the event before it."""
    named = [a for a in found if a.role in ARMED_ROLES - {"state"} and "{country}" not in a.name]
    if not named:
        return
    for actor, inter in (("actor1", "inter1"), ("actor2", "inter2")):
        if (mention[actor] or "").startswith("Unidentified Armed Group") and named[0].name not in (mention["actor1"], mention["actor2"]):
            mention[actor], mention[inter] = named[0].name, named[0].inter
            mention["interaction"] = interaction(mention["inter1"], mention["inter2"])
            return


# Protests where nobody used force: a death in the sentence is what the protest is about; and
# arrests: the deaths an arrest sentence tells of are what the people held are charged with
# (ACLED's Arrests rows carry no fatalities).
_NO_DEATHS = ("Peaceful protest", "Protest with intervention", "Arrests")


def _add_casualties(mention: Mention, sentence: str) -> None:
    """A sentence that only counts the dead ("Three soldiers were killed.") completes the event before it."""
    counts = count(sentence)
    if counts.coded:
        mention.update(fatalities=counts.killed[0], fatalities_low=counts.killed[0], fatalities_high=counts.killed[0])
        return
    if mention["sub_event_type"] in _NO_DEATHS:
        counts = Counts([], counts.injured, False)  # deaths a peaceful protest speaks of are its grievance
    if counts.killed and not BACKGROUND.search(sentence):
        mention["fatalities"] = max(mention["fatalities"], max(counts.killed))
        low, high = mention["fatalities_low"], mention["fatalities_high"]
        mention["fatalities_low"] = min(counts.killed) if low is None else min(low, min(counts.killed))
        mention["fatalities_high"] = max(counts.killed) if high is None else max(high, max(counts.killed))
    if counts.injured:
        mention["injuries"] = max(mention["injuries"] or 0, max(counts.injured))


# Events whose claimant ACLED codes as the one who acted. Shelling and air strikes are left
# alone: a claim beside them is more often the other side's.
_CLAIMABLE = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack", "Armed clash", "Abduction/forced disappearance")


def _attach_claims(mentions: list[Mention], text: str, spans: list[tuple[int, int]], actors: ActorDictionary) -> None:
    """"Al-Shabaab claimed responsibility in a statement": a claim in a sentence of its own
    claims the violence reported before it on that day, and names who carried it out where
    the report did not."""
    if "claim" not in text.lower():
        return
    own = {m["sentence_index"] for m in mentions}
    for index, (start, end) in enumerate(spans):
        sentence = text[start:end]
        if index in own or "claim" not in sentence.lower():
            continue
        claim = find_claim(sentence)
        before = [m for m in mentions if m["sentence_index"] < index and not m["is_background"] and m["disorder_type"].startswith("Political violence")]
        if not claim.claimed or not before:
            continue
        claimants = [a for a in _acting(actors, sentence, start) if a.role not in ("state", "civilians") and "{country}" not in a.name]
        if not claimants:
            continue  # "the group claimed it": no name to add
        group = claimants[0]
        for event in (m for m in before if m["event_date"] == before[-1]["event_date"] and not m["responsibility_claimed"]):
            event.update(responsibility_claimed=True, claimed_by=group.name, claim_channel=claim.channel)
            if event["sub_event_type"] in _CLAIMABLE and group.name not in (event["actor1"], event["actor2"]) and _unnamed_or_state(event["actor1"]):
                state = event["actor1"] if not (event["actor1"] or "").startswith("Unidentified") else None
                if state and (event["actor2"] is None or event["actor2"] == state or event["actor2"].startswith("Unidentified")):
                    event.update(actor2=state, inter2=event["inter1"])  # the soldiers the claimant fought
                event.update(actor1=group.name, inter1=group.inter)
                event["interaction"] = interaction(event["inter1"], event["inter2"])


def _unnamed_or_state(name: str | None) -> bool:
    return not name or name.startswith(("Unidentified", "Military Forces of", "Police Forces of"))


def _mention(article_id: str, index: int, start: int, end: int, sentence: str, published: dt.date | None, actors: ActorDictionary,
             demonstration: bool = False) -> tuple[Mention, list[ResolvedDate]] | None:
    if not (could_report(sentence) or demonstration):
        return None  # most sentences of a news article: no word any event rule starts with
    if nobody_claimed(sentence):
        return None  # "No group has claimed the abduction": about the claim, not a new event
    counts = count(sentence)
    found = _dedupe(_acting(actors, sentence, start))
    roles = {a.role for a in found}
    has_state = "state" in roles
    has_armed = bool(roles & (ARMED_ROLES - {"state"}))
    typing = classify(
        sentence,
        has_state=has_state,
        has_armed=has_armed,
        target_is_civilian="civilians" in roles or bool(CIVILIAN_TARGET.search(sentence)),
        killed=bool(counts.killed and max(counts.killed) > 0),
        demonstration=demonstration,
        unarmed=[a.text for a in found if a.role == "party"],
    )
    if typing is None:
        return None
    sub = typing.sub_event_type
    actor1, actor2 = _assign(sub, found, sentence, start)
    # an actor is not its own other side, but in a clash the side the report leaves unnamed may go by the same name
    actor2 = [a for a in actor2 if not actor1 or a.name != actor1[0].name or (sub in ("Armed clash", "Mob violence") and a.start < 0)]
    if typing.event_type == "Explosions/Remote violence" and not actor2 and (counts.killed or counts.injured) and _PEOPLE_HIT.search(sentence):
        # "a grenade ... wounding a dozen people", "a missile struck a residential building, killing five people"
        actor2 = [_generic("Civilians ({country})", 7, "civilians")]
    claim = find_claim(sentence)
    claimed_by = None
    if claim.claimed:
        claimants = [a for a in found if a.role not in ("state", "civilians")]
        claimed_by = "; ".join(dict.fromkeys(a.name for a in claimants)) or None
        if claimants and sub not in ("Change to group/activity",):
            actor1 = [claimants[0]] + [a for a in actor1 if a.name != claimants[0].name][:1]
    dates = find_dates(sentence, start, published)
    killed = [] if sub in _NO_DEATHS else counts.killed
    injured = counts.injured
    civilian = sub in ("Attack", "Sexual violence", "Abduction/forced disappearance") or (
        typing.event_type == "Explosions/Remote violence" and bool(actor2) and actor2[0].role == "civilians"
    )
    mention: Mention = {
        "mention_id": f"{article_id}#{index}.0",
        "article_id": article_id,
        "sentence_index": index,
        "sentence_start": start,
        "sentence_end": end,
        "evidence": sentence,
        "trigger": typing.trigger,
        "event_date": None,
        "year": None,
        "time_precision": None,
        "disorder_type": typing.disorder_type,
        "event_type": typing.event_type,
        "sub_event_type": sub,
        **_actor_fields(actor1, actor2),
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "date_text": None,
        "date_note": None,
        "fatalities": max(killed) if killed else 0,
        # None, not 0, when the sentence gives no figure: a report that is silent on deaths
        # must not make a merged event's toll look like zero.
        "fatalities_low": min(killed) if killed else None,
        "fatalities_high": max(killed) if killed else None,
        "injuries": max(injured) if injured else None,
        "responsibility_claimed": claim.claimed,
        "claimed_by": claimed_by,
        "claim_channel": claim.channel,
        "claim_source": claim.attribution,
        "is_background": _is_background(sentence, start, dates),
        "confidence": round(typing.strength * (0.7 + 0.15 * bool(actor1) + 0.15 * bool(dates)) * (0.6 if _QUOTE.match(sentence) else 1) * (1 if index == 0 else LATER_SENTENCE), 3),
    }
    if counts.unverified_claim:
        mention["date_note"] = None
        mention["trigger"] = f"{typing.trigger} (casualty claim not counted)"
    return mention, dates


def _is_background(sentence: str, start: int, dates: list[ResolvedDate]) -> bool:
    if not BACKGROUND.search(sentence):
        return False
    opens_with_date = bool(dates) and not dates[0].relative and dates[0].start - start <= _OPENING_DATE_CHARS
    return not opens_with_date or bool(TALLY.search(sentence))


# A sentence that opens with a quotation is someone's words, seldom the report of an event.
_QUOTE = re.compile(r"^[\"“‘']")


_SOURCE_AFTER = re.compile(r"^(?:'s|-run|-led|-controlled)?\s*(?:\w+\s+)?(?:spokes(?:man|woman|person)|officials?|sources?|chief|commander|statement)?\s*(?:said|says|say|told|confirmed|reported|stated|announced|added)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:according to|quoting|citing)\s+(?:the\s+|a\s+|local\s+)*(?:\w+\s+)?$", re.I)


def _is_source(sentence: str, start: int, end: int) -> bool:
    """"police said", "a police spokesman told reporters", "according to the army": who reports, not who acted."""
    return bool(_SOURCE_AFTER.match(sentence[end:end + 40]) or _SOURCE_BEFORE.search(sentence[max(0, start - 40):start]))


def _dedupe(found: Sequence[ActorMention]) -> list[ActorMention]:
    seen: set[str] = set()
    out = []
    for a in found:
        if a.name not in seen:
            seen.add(a.name)
            out.append(a)
    return out


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (one actor alone: 10, 20, ...)."""
    if inter1 is None:
        return None
    a, b = sorted((inter1, inter2 or 0))
    return int(f"{b}0") if a == 0 else int(f"{a}{b}")


_ATTACK_VERB = re.compile(r"^[^.;]{0,40}?\b(?:attacked|attacks?|ambushed|ambush|raided|stormed|assaulted|targeted|overran|launched|carried out|opened fire|fired|threw|hurled|besieged|struck|shot at|abducted|kidnapped|killed|clashed|fought|engaged|and)\b", re.I)
_ATTACKED_BY = re.compile(r"\b(?:attacked|ambushed|raided|stormed|assaulted|targeted|overrun|besieged|fired on|shot at|killed|shot dead|shot and killed|shot|wounded|injured|gunned down)\s+by\s*$", re.I)
# "met by counter-protesters": the other side of a protest.
_COUNTER = re.compile(r"\bcounter-?(?:protest|demonstrat|rall)", re.I)


def _attacked(sentence: str, offset: int, attacker: ActorMention, target: ActorMention) -> bool:
    """True when the text makes ``attacker`` the one who attacked ``target``."""
    if attacker.start < 0 or target.start < 0:
        return False
    if attacker.start < target.start:
        return bool(_ATTACK_VERB.search(sentence[attacker.end - offset : target.start - offset]))
    return bool(_ATTACKED_BY.search(sentence[target.end - offset : attacker.start - offset][-60:]))


def _assign(sub: str, found: list[ActorMention], sentence: str = "", offset: int = 0) -> tuple[list[ActorMention], list[ActorMention]]:
    """Actor1 (who acted) and actor2 (against whom), by what each kind of event implies."""
    state = [a for a in found if a.role == "state"]
    armed = [a for a in found if a.role in ARMED_ROLES - {"state"}]
    civilians = [a for a in found if a.role == "civilians"]
    protesters = [a for a in found if a.role == "protesters"]
    rioters = [a for a in found if a.role == "rioters"]
    generic_armed = [a for a in armed if "{country}" in a.name]
    named_armed = [a for a in armed if a not in generic_armed]
    armed = named_armed + generic_armed
    if sub in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"):
        a1 = protesters or [_generic("Protesters ({country})", 6, "protesters")]
        if sub == "Peaceful protest" and _COUNTER.search(sentence):
            return a1, [_generic("Protesters ({country})", 6, "protesters")]
        return a1, (state[:1] if sub != "Peaceful protest" else [])
    if sub in ("Violent demonstration", "Mob violence"):
        a1 = rioters or [_generic("Rioters ({country})", 5, "rioters")]
        if sub == "Violent demonstration":
            return a1, state[:1]  # the residents who riot are not their own victims
        if _FACTIONS.search(sentence):
            return a1, [_generic("Rioters ({country})", 5, "rioters")]  # supporters of two leaders fighting each other
        if not state and _MUTUAL.search(sentence):
            return a1, [_generic("Rioters ({country})", 5, "rioters")]  # two crowds fighting each other
        # a mob's victim is a civilian unless the report names police or another side
        return a1, (state[:1] or civilians[:1] or [_generic("Civilians ({country})", 7, "civilians")])
    if sub in ("Attack", "Sexual violence", "Abduction/forced disappearance"):
        a1 = armed[:1] or state[:1] or rioters[:1] or [_generic("Unidentified Armed Group ({country})", 3, "militia")]
        return a1, civilians[:1] or [_generic("Civilians ({country})", 7, "civilians")]
    if sub in ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"):
        if state and armed:
            if sub == "Non-state actor overtakes territory":
                return armed[:1], state[:1]
            if sub == "Government regains territory":
                return state[:1], armed[:1]
            # ACLED puts state forces first in a clash unless the other side is the attacker
            # ("militants ambushed a patrol", "soldiers were attacked by gunmen").
            if _attacked(sentence, offset, armed[0], state[0]):
                return armed[:1], state[:1]
            return state[:1] + state[1:2], armed[:1]
        if len(armed) >= 2:
            return armed[:1], armed[1:2]
        if len(state) >= 2 and _opposed(state[0], state[1]):
            return state[:1], state[1:2]  # "Russian forces clashed with Ukrainian forces"
        if state:
            return state[:1] + state[1:2], [_generic("Unidentified Armed Group ({country})", 3, "militia")]
        if armed:
            return armed[:1], [_generic("Unidentified Armed Group ({country})", 3, "militia")]
        unnamed = _generic("Unidentified Armed Group ({country})", 3, "militia")
        return [unnamed], [unnamed]  # two armed groups the report does not name
    if sub in ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Chemical weapon"):
        if sub == "Air/drone strike" and (state or any(a.role == "external" for a in armed)):
            # air power is a state's or a foreign coalition's: the first one named before the
            # strike ("the Saudi-led coalition conducted airstrikes on Houthi positions")
            air = [a for a in found if a.role in ("state", "external")]
            a1 = ([a for a in air if not _after_weapon(AIR_WORDS, sentence, a.start - offset)] or air)[:1]
            targets = [a for a in armed + state if a.name != a1[0].name][:1] or civilians[:1]
        elif sub == "Air/drone strike" and armed and _after_weapon(AIR_WORDS, sentence, armed[0].start - offset):
            # "Iraqi air strikes targeted IS hideouts": the group named after the strike is its target
            return [_generic("Military Forces of {country} ({period})", 1, "state")], armed[:1]
        elif sub in _PLANTED and (armed or state) and _hit_by_blast(sentence, [a for a in found if a.role in ARMED_ROLES][0].start - offset):
            # "a roadside bomb struck an army convoy": the side named after the blast was hit; who
            # set the bomb is the other armed side named, if any ("... planted by al-Shabaab")
            sides = [a for a in found if a.role in ARMED_ROLES]
            others = [a for a in sides[1:] if a.role != "state" and a.name != sides[0].name]
            return others[:1] or [_generic("Unidentified Armed Group ({country})", 3, "militia")], sides[:1]
        elif sub != "Air/drone strike" and (armed or state):
            # the side named first fired ("Ukrainian forces shelled DPR positions"); the next side was hit
            sides = [a for a in found if a.role in ARMED_ROLES]
            a1 = sides[:1]
            targets = [a for a in sides + civilians if a.name != a1[0].name][:1]
        else:
            a1 = armed[:1] or state[:1] or [_generic("Unidentified Armed Group ({country})", 3, "militia")]
            targets = [a for a in state + civilians if a not in a1][:1]
        return a1, targets
    if sub == "Arrests":
        if armed and not state and PASSIVE_ARREST.search(sentence):
            return [], armed[:1]  # "five JNIM members were arrested": the group is who was held, by someone unnamed
        a1 = state[:1] or armed[:1]
        # ACLED names the detained civilians when the report does not say they belong to a group
        targets = [a for a in armed + protesters + civilians if a not in a1][:1] or [_generic("Civilians ({country})", 7, "civilians")]
        return a1, targets
    if sub == "Looting/property destruction":
        # whoever is named first acts (notes and leads open with the perpetrator); the property is civilians' unless an armed side is named
        actors = [a for a in found if a.role in ARMED_ROLES or a.role == "rioters"]
        a1 = actors[:1] or [_generic("Unidentified Armed Group ({country})", 3, "militia")]
        others = [a for a in actors if a.name != a1[0].name]
        return a1, others[:1] or civilians[:1] or [_generic("Civilians ({country})", 7, "civilians")]
    if sub == "Disrupted weapons use":
        a1 = state[:1] or armed[:1]
        targets = [a for a in armed + state if a not in a1][:1]
        return a1, targets or ([_generic("Unidentified Armed Group ({country})", 3, "militia")] if a1 else [])
    if sub == "Other" and not (armed or state or rioters or protesters):
        return civilians[:1] or [_generic("Civilians ({country})", 7, "civilians")], []
    if sub == "Agreement":
        # the side that gives itself up comes first ("40 militiamen surrendered to the FARDC")
        parties = armed + state[:1] if _SURRENDER.search(sentence) else state[:1] + armed
        return parties[:1], parties[1:2]
    a1 = armed[:1] or state[:1] or rioters[:1] or protesters[:1]
    if sub in ("Change to group/activity", "Headquarters or base established", "Other"):
        return a1, []
    rest = [a for a in found if a not in a1 and a.role != "other"]
    return a1, rest[:1]


_SURRENDER = re.compile(r"\bsurrender", re.I)


def _opposed(a: ActorMention, b: ActorMention) -> bool:
    """Two state forces of different countries named by their demonyms fight each other, and so do
    a named state force ("Houthi forces") and forces the text leaves unnamed ("pro-Hadi forces")."""
    ca, cb = _FOREIGN.search(a.name), _FOREIGN.search(b.name)
    if ca and cb:
        return ca.group(0) != cb.group(0)
    return ("{" not in a.name) != ("{" not in b.name)


_FACTIONS = re.compile(r"\b(?:clash\w* between (?:\w+ ){0,3}(?:supporters|members|factions|cadres|groups|activists|workers)|factional clash|two factions|rival (?:factions|supporters|groups|cadres))\b", re.I)
_FOREIGN = re.compile(r"\{period:[A-Z]{2}\}")
# Violence both ways: "members of PPP and JUI-F clashed", "two mobs fought each other".
_MUTUAL = re.compile(r"\b(?:clash(?:ed|es)?|fought|exchanged fire|each other|one another)\b", re.I)


# Who a blast killed or wounded when no armed side is named as hit: people, not fighters.
_PEOPLE_HIT = re.compile(
    r"\b(?:people|persons|civilians?|residents|villagers|passengers|commuters|shoppers|worshippers|pedestrians|bystanders|children|women|"
    r"students|pupils|farmers|traders|vendors|families|family members|market|residential|homes?|houses?|apartment|school|hospital|bus)\b", re.I)
# Weapons someone plants or throws: the blast, not a side named first, opens the report.
_PLANTED = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade")
_BLAST_HIT = re.compile(r"\b(?:struck|hit|targeted|ripped through|tore through|(?:went off|exploded|detonated) (?:near|next to|under|beside|in front of|inside|at|in|on))\b(?![^.;]*\bby\s+\S*\s*$)", re.I)


def _hit_by_blast(sentence: str, position: int) -> bool:
    """True when the side at ``position`` follows "struck", "went off near" and the like: it was hit."""
    return bool(_BLAST_HIT.search(sentence[:position]))


def _after_weapon(words: re.Pattern[str], sentence: str, position: int) -> bool:
    m = words.search(sentence)
    return bool(m and m.start() < position)


def _generic(name: str, inter: int, role: str) -> ActorMention:
    return ActorMention(-1, -1, "", name, inter, role)


def _older_than_news(date: ResolvedDate, anchor: dt.date) -> bool:
    """A day more than a week before the story, or a month before the story's month."""
    if date.precision == 3:
        return (date.date.year, date.date.month) < (anchor.year, anchor.month)
    return date.date < anchor - dt.timedelta(days=BACKGROUND_DAYS)


def _resolve_dates(mentions: list[tuple[Mention, list[ResolvedDate]]], published: dt.date | None, lead: ResolvedDate | None) -> None:
    """Give each mention a date: its own, else the article's main event date, else none.

    The anchor is the publication date, or without one the first date the text gives.
    A mention dated well before the anchor is background.
    """
    own: list[ResolvedDate | None] = []
    for _, dates in mentions:
        # A date after publication or before 1900 is a misreading, not the event's date.
        ok = [d for d in dates if (published is None or d.date <= published) and d.date.year >= 1900]
        own.append(ok[0] if ok else None)
    anchor = published or (lead.date if lead else None)
    main = None
    for (mention, _), date in zip(mentions, own):
        if date is not None and anchor is not None and _older_than_news(date, anchor):
            mention["is_background"] = True
        if date is not None and not mention["is_background"] and main is None:
            main = date
    if main is None and lead is not None and (anchor is None or lead.date >= anchor - dt.timedelta(days=BACKGROUND_DAYS)):
        main = lead
    for (mention, _), date in zip(mentions, own):
        if date is not None:
            mention.update(event_date=date.date, time_precision=date.precision, date_text=date.text,
                           date_note="read from the sentence" if not date.relative else f"'{date.text}' resolved against the publication date {published}")
        elif main is not None:
            mention.update(event_date=main.date, time_precision=main.precision, date_text=main.text,
                           date_note=f"no date in the sentence: date of the article's main event ('{main.text}')")
        elif published is not None:
            mention.update(event_date=published, time_precision=2, date_note="no date in the text: publication date, within a week")
        else:
            mention["date_note"] = NO_DATE_NOTE
        if mention["event_date"] is not None:
            mention["year"] = mention["event_date"].year
        if mention["is_background"]:
            mention["confidence"] = round(mention["confidence"] * 0.3, 3)


def extract_or_reject(article: dict[str, Any], actors: ActorDictionary) -> tuple[list[Mention], dict[str, Any] | None]:
    """The mentions of one article, or none and the reject row saying why extraction failed:
    one article's failure must not end the run."""
    import logging

    try:
        return extract_article(article, actors), None
    except Exception as exc:
        logging.getLogger(__name__).exception("extract failed on %s", article["article_id"])
        return [], {"stage": "extract", "source_file": article["source_file"], "source_record": article["source_record"],
                    "article_id": article["article_id"], "reason": "extract_error", "detail": f"{type(exc).__name__}: {exc}"}


def run_stage(interim_dir: Path, batch_size: int = 500, actors: ActorDictionary | None = None) -> dict[str, int]:
    """interim/articles.parquet -> interim/mentions.parquet (+ interim/extract_rejects.parquet)."""
    import pandas as pd

    from pipeline.io import TableWriter, read_batches

    actors = actors or load_dictionary()
    counts = {"articles": 0, "mentions": 0, "rejected": 0}
    with TableWriter(interim_dir / "mentions.parquet", "mentions") as out, TableWriter(interim_dir / "extract_rejects.parquet", "rejects") as rejected:
        for frame in read_batches(interim_dir / "articles.parquet", batch_size):
            rows: list[Mention] = []
            bad: list[dict[str, Any]] = []
            for article in frame.to_dict("records"):
                counts["articles"] += 1
                mentions, reject = extract_or_reject(article, actors)
                rows.extend(mentions)
                if reject:
                    bad.append(reject)
            counts["mentions"] += len(rows)
            counts["rejected"] += len(bad)
            out.write(with_location_columns(pd.DataFrame(rows)))
            rejected.write(pd.DataFrame(bad))
    return counts


LOCATION_COLUMNS = ["iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                    "geo_precision", "geonameid", "location_start", "location_end", "geocoder"]


def with_location_columns(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the columns geocode fills, empty where missing (mentions before geocoding)."""
    for column in LOCATION_COLUMNS:
        if column not in df.columns:
            df[column] = None
    return df

"""Claims of responsibility and the attribution of facts ("police said")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.prefilter import Gated

# Run only on sentences holding a literal start of its matches ("claim", "responsibility for", "said it carried out"...).
_CLAIM = Gated(re.compile(
    r"\b(?:claim(?:ed|s|ing)? (?:responsibility|credit|the (?:attack|bombing|killing|assault|blast|abduction|kidnapping))"
    r"|(?:took|taking|takes|accepted|has claimed|have claimed) responsibility|responsibility (?:for|was claimed)|claimed it carried out"
    r"|said (?:it|they) (?:carried out|was behind|were behind)"
    r"|claim(?:ed|s|ing)? (?:that )?(?:it|they|the group|[A-Z][\w-]*) (?:had )?(?:inflicted|killed|carried out|attacked|was behind|were behind))",
    re.I,
))
_CHANNELS = re.compile(
    r"\b(amaq(?: news agency)?|radio andalus|nashir(?: news agency)?|al-?naba|shahada news agency|az-?zallaqa|telegram|"
    r"(?:a |an )?(?:online |written )?statement|(?:a |an )?video|website|social media|twitter|facebook|(?:a |an )?letter|"
    r"(?:a |an )?phone call|audio (?:message|recording)|press release|communiqu[eé])\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"\b(?P<who>(?:the |a |an )?(?:local |district |provincial |state |senior |military |army |police |security |government |hospital |medical )?"
    r"(?:police|army|military|officials?|official|spokes(?:man|woman|person)|residents?|witnesses|eyewitnesses|sources?|"
    r"governor|ministry|minister|hospital|medics|doctors|villagers|authorities|commander|chief|mayor|activists?|monitors?|"
    r"group|militants|rebels|observatory|un|united nations|ocha|red cross|agency|statement|reports?))"
    r"\s+(?:\w+\s+)?(?:said|says|told|reported|confirmed|claimed|stated|announced|added)\b"
    r"|\b(?P<who3>police|army|military|government|ministry|official|militant|rebel|group's|army's|police's)\s+statement\b"
    r"|\baccording to (?P<who2>(?:the |a |an )?[\w'’ -]{2,50}?)(?=[,.;]|$| who| on| in)",
    re.I,
)


@dataclass(frozen=True)
class Claim:
    claimed: bool
    channel: str | None
    attribution: str | None


# "No group has claimed responsibility", "the attack was not claimed": nobody claimed it.
_NOBODY = re.compile(
    r"\b(?:no|not|nobody|none|never|yet to|neither|nor|denied|denies|deny|without)\b(?:\s+(?:one|groups?|organi[sz]ations?|factions?|militants?|party|parties|immediate|immediately|yet|has|have|had|was|were|is|been|so far|any|of|the|them|these))*\s*$",
    re.I,
)
_NO_CLAIM = Gated(re.compile(r"\bno (?:immediate |official )?claims? of responsibility|\b(?:has|have|had) not (?:yet )?been claimed|\bunclaimed\b", re.I))


def nobody_claimed(sentence: str) -> bool:
    """"No group has claimed responsibility", "there was no immediate claim of responsibility"."""
    claim = _CLAIM.search(sentence)
    return _denied(sentence, claim) if claim else bool(_NO_CLAIM.search(sentence))


def _denied(sentence: str, claim: re.Match[str]) -> bool:
    return bool(_NOBODY.search(sentence, max(0, claim.start() - 40), claim.start()))


def find_claim(sentence: str) -> Claim:
    claim = _CLAIM.search(sentence)
    claimed = claim is not None and not _denied(sentence, claim)
    channel = None
    if claimed or re.search(r"\bclaim", sentence, re.I):
        m = _CHANNELS.search(sentence)
        if m:
            channel = _channel_name(m.group(1))
    attribution = None
    m = _ATTRIBUTION.search(sentence)
    if m:
        attribution = (m.group("who") or m.group("who2") or m.group("who3") or "").strip()
        attribution = re.sub(r"^(?:the|a|an)\s+", "", attribution, flags=re.I) or None
    if attribution is None and channel and re.search(r"\bclaim|announc", sentence, re.I):
        attribution = channel
    return Claim(claimed, channel, attribution)


def _channel_name(text: str) -> str:
    low = re.sub(r"^(?:a|an)\s+", "", text.lower()).strip()
    if low.startswith("amaq"):
        return "Amaq News Agency"
    if low.startswith("nashir"):
        return "Nashir News Agency"
    if low == "radio andalus":
        return "Radio Andalus"
    return low

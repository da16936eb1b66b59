"""ACLED event type and sub-event type of a sentence, from how news words events.

Each rule names a sub-event type and the words that signal it. A sentence can
match several rules; ``classify`` settles them with the precedence ACLED's
codebook implies (a suicide bombing is a Suicide bomb even though people were
killed; police dispersing a protest makes it a Protest with intervention).
Whether a killing is a Battle or Violence against civilians depends on who was
hit, which the caller tells through ``target_is_civilian``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from pipeline.extract.idioms import literal
from pipeline.extract.prefilter import Gated, StemIndex, alternatives

SUB_TO_TYPE = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


# Every pattern is an alternation of words. Most words start with a literal stem
# ("protest", "demonstrat"): one Aho-Corasick pass over the sentence finds the stems
# present, and only patterns that could match are run. A word with no literal stem
# keeps its pattern always in play, so the shortcut never changes a result.
_INDEX = StemIndex()
_PATTERN_IDS: dict[int, int] = {}


def _rx(*words: str) -> re.Pattern[str]:
    alts = [alt for word in words for alt in alternatives(word)]
    pattern = re.compile(r"\b(?:" + "|".join(alts) + r")", re.I)
    _PATTERN_IDS[id(pattern)] = _INDEX.add(alts)
    return pattern


def _candidates(sentence: str) -> set[int]:
    return _INDEX.candidates(sentence)


def could_report(sentence: str) -> bool:
    """False when no rule of ``classify`` can fire: none of the words its patterns start
    with is in the sentence, and it has no analyst's label. Cheap: one Aho-Corasick pass."""
    return bool(_candidates(sentence)) or bool(_LABEL.match(sentence))


# Signals, each tested on the whole sentence.
PROTEST = _rx(r"protest(?!ant)(?!s? (?:notes?|letters?)\b)", r"blocked (?:\w+ ){0,5}(?:road|highway|street|avenue|access|entrance|bridge|motorway|railway|traffic)",
              r"press conference(?<!told a press conference)(?<!at a press conference)(?<!addressing a press conference)(?<!addressed a press conference)(?<!during a press conference)(?<!told the press conference)", r"to (?:demand|denounce|call for|condemn|express|show|reject|oppose|commemorate|mark|voice|honou?r|claim|complain|request|ask for|urge|press for|pressure)\b",
              r"placards", r"banners?\b", r"slogans", r"(?<!\d )(?<!last )(?<!next )(?<!this )(?<!early )(?<!late )(?<!mid-)(?<!mid )(?<!since )(?<!until )(?<!till )(?<!in )(?<!of )(?<!from )(?<!by )(?<!before )(?<!after )(?<!during )(?<!and )(?<!or )march\b(?! \d)(?!,? \d)", r"(?<!\d )march(?:ed|es)\b(?! \d)(?!,? \d)", r"demonstrat(?:ions?|ors?|ing|e)\b(?! (?:that|how|what|phase|project|plant|model|version)\b)", r"demonstrated\b(?! (?:that|how|what|by)\b)", r"demonstrates\b(?! (?:the|that|how|what|its|both|his|her|their|a|an)\b)", r"rall(?:y|ies|ied)\b", r"marched\b", r"marching\b", r"\ba march\b",
              r"sit-in", r"picket", r"went on strike", r"(?:held|staged|began|launched|observed) (?:a |an )?(?:\w+ )?strike\b", r"on strike\b", r"strikers\b", r"walkout", r"boycott",
              # a petition signed or handed over, not one heard in court ("filed a petition in the supreme court")
              r"petitioners?\b", r"(?:submitted|handed|delivered|presented|signed|launched|started|circulated) (?:\w+ ){0,3}petitions?\b", r"petitions? (?:signed|drive|campaign)",
              r"chant(?:ed|ing)\b", r"gathered (?:outside|in front of)", r"vigil\b", r"hunger strike",
              r"(?:gathered|assembled|staged)\b[^.]{0,80}\b(?:to (?:support|demand|denounce|protest|call|express|show|oppose|mark|commemorate|honou?r|mourn)|demanding|denouncing|calling|against|in support|in solidarity|in protest)",
              r"denounc(?:ed|ing)\b", r"climate strike", r"occupied (?:the )?(?:\w+ ){0,3}(?:office|building|premises|headquarters|campus|square|centre|center|road)")
# Words that make a protest only when nothing more violent is reported.
PROTEST_WEAK = _rx(r"demanding\b", r"human chain", r"blocked\b", r"staged\b", r"striking (?:\w+ ){0,2}workers", r"gathered\b(?! that\b)(?! \d)", r"(?<!was )(?<!were )(?<!been )(?<!be )assembled\b",
                   r"complaining\b", r"calling (?:for|on)\b", r"in solidarity", r"went on a strike", r"walked out", r"(?<!police )(?<!officers )(?<!authorities )closed (?:\w+ ){0,3}(?:headquarters|office|offices|entrance|road)")
INTERVENTION = _rx(r"tear ?gas", r"dispers", r"water cannon", r"rubber bullets", r"batons?\b", r"baton[- ]charg", r"broke up",
                   r"arrested", r"arresting", r"detained", r"detaining", r"intervened", r"removed", r"evicted", r"beat(?:en)?\b", r"fired (?:warning )?shots", r"pellets", r"cordon", r"blocked (?:the )?(?:protesters|demonstrators|march|marchers|procession|rally)",
                   r"prevented", r"stopped", r"intervened", r"interrupt", r"halted", r"forcibly", r"used force", r"cane[- ]charg", r"lathi[- ]?charg",
                   r"stun grenades", r"pepper spray", r"kettl", r"pushed (?:\w+ ){0,3}(?:back|out|outside|away)", r"imped(?:ed|ing)\b", r"fired (?:\w+ ){0,2}(?:in|into) the air", r"took (?:\w+ ){0,3}into custody")
EXCESSIVE = _rx(r"live (?:ammunition|bullets|rounds|fire)", r"opened fire on (?:the )?(?:protesters|demonstrators|crowd)",
                r"shot dead", r"killed")
VIOLENT_DEMO = _rx(r"pelt", r"burning (?:debris|tyres|tires|objects|barricades)", r"stormed", r"barricaded", r"forced (?:their way|entry)", r"(?:threw|throwing|hurl(?:ed|ing)?) (?:\w+ ){0,2}(?:stones|rocks|bottles|petrol|objects|projectiles|eggs|paint|bricks|molotov|fireworks|firecrackers|pyrotechnics)",
                   r"pyrotechnics", r"(?:setting|set|burn(?:ed|ing|t)) (?:\w+ ){0,3}(?:tyres|tires|obstacles)(?: on fire)?", r"damag(?:ed|ing) (?:\w+ ){0,2}(?:property|vehicles|buildings|shops|offices)", r"stone[- ]?throw", r"torch(?:ed|ing)", r"set (?:ablaze|fire|on fire)",
                   r"vandali[sz]", r"loot", r"barricad", r"burn(?:ed|t|ing) (?:tyres|tires|vehicles|cars|buses|a police)",
                   r"clash(?:ed|es)? with (?:the )?(?:\w+ ){0,2}(?:police|security|officers|forces|soldiers|troops|military)", r"riot(?:ed|ing|ers)\b",
                   r"riots?\b(?<!capitol riot)(?<!capitol riots)(?! (?:police|gear|squad|control|unit|act|forces|officers|shields))", r"public violence",
                   r"violent(?:ly)? (?:protest|demonstration|clash|confrontation|turn|rall)", r"turned violent", r"molotov",
                   r"attacked (?:police|officers|a police)", r"injur(?:ed|ing) (?:\w+ )?(?:police|officers)",
                   # how notes and reports say a demonstration came to blows or blocked roads with debris
                   r"(?:clash(?:es)?|fights?|brawls?) (?:broke out|erupted|ensued)", r"(?:clash(?:ed)?|fought) (?:with each other|among themselves)",
                   r"(?:clash(?:es)?|confrontations?) between (?:the )?(?:\w+ ){0,2}(?:demonstrators|protesters|protestors|participants|supporters|activists|cadres|sides|locals|police)",
                   r"destroyed (?:\w+ ){0,2}(?:facilities|property|vehicles|shops|offices|buildings)", r"fought (?:with|against) (?:the )?(?:\w+ ){0,2}(?:police|security|officers|forces)",
                   r"clash(?:ed|es)? with (?:a |the )?(?:\w+ ){0,3}(?:police|security|officers|forces|soldiers|troops|military)",
                   r"(?:demonstrat|protest)\w* violently", r"block(?:ed|ing)? (?:\w+ ){0,5}with (?:\w+ ){0,5}(?:rocks|stones|tyres|tires|logs|wood|woods|trees|branches|benches|tables|vehicles|rubbish|debris|burning)",
                   r"(?:set up |erected )?blockades? with", r"setting (?:ablaze|fire|on fire|alight)", r"burn(?:ing|ed|t) down",
                   r"(?:stones|rocks|bricks|bottles|projectiles) (?:were |being )?(?:thrown|hurled)",
                   # a crowd's clashes and damage, in any order of words (burning a flag or an effigy is a protest's symbol)
                   r"clashed\b", r"confronted each other", r"(?:fight|confrontation|altercation) broke out",
                   r"(?:broke|smashed|shattered|smashing) (?:\w+ ){0,3}(?:windows?|windshields?|glass|doors?|gates?)", r"set (?!(?:\w+ ){0,2}(?:flags?|effig))(?:\w+ ){1,3}on fire",
                   r"slash(?:ed|ing) (?:\w+ ){0,3}(?:tires|tyres)", r"(?:tires|tyres) (?:\w+ ){0,6}(?:were|was) slashed", r"burn(?:ed|t|ing) (?:the )?(?:\w+ ){0,2}(?:gates?|urns?|ballots?|ballot boxes)")
MOB = _rx(r"\bmob\b(?<!flash mob)", r"(?:hurled|threw|throwing|pelted|pelting) (?:\w+ ){0,2}(?:stones|rocks|bricks)", r"lynch", r"vigilante", r"mob justice", r"jungle justice", r"angry (?:crowd|residents|villagers|youths|locals)",
          r"communal (?:clash|violence)", r"riot(?:ed|ing|ers?)\b", r"riots?\b(?<!capitol riot)(?<!capitol riots)(?! (?:police|gear|squad|control|unit|act|forces|officers|shields))", r"(?:group of |angry )?(?:locals|residents|villagers|youths|community members|crowd|people)\b(?:(?!\b(?:were|was|been|are|is)\b)[^.]){0,80}\b(?:beat|stoned|lynched|killed|attacked|set ablaze|burn(?:ed|t)|torched|clashed|hurled|threw)",
          r"clashes? between (?:two |rival )?(?:communities|villagers|groups of)", r"inter-?communal", r"stormed")
CHEMICAL = _rx(r"chemical (?:weapon|attack|agent)", r"chlorine", r"sarin", r"nerve agent", r"mustard gas", r"toxic gas attack")
SUICIDE = _rx(r"suicide (?:bomb|attack|car|vest|blast|truck)", r"explosives?[- ](?:laden )?vest", r"suicide vest", r"blew (?:himself|herself|themselves) up", r"self-detonat", r"suicide bomber")
AIR = _rx(r"(?:conducted|carried out|launched) (?:\w+ ){0,2}strikes? (?:with|using|by) (?:\w+ ){0,2}(?:jets?|aircraft|planes?|helicopters?|drones?|su-\d+|mig-\d+)", r"air ?strikes?", r"airstrikes?", r"drone (?:strike|attack)s?", r"drones? (?:struck|hit|targeted|attacked|dropped)", r"air raids?",
          r"warplanes?", r"fighter jets?", r"helicopter gunships?", r"aerial (?:bombardment|attack|strike)", r"bombed from the air",
          r"air force (?:jets|planes|aircraft) (?:bombed|struck|hit)", r"unmanned aerial", r"kamikaze drones?", r"shahed",
          r"(?:aircraft|jets?|planes?|helicopters?|air force) (?:\w+ ){0,2}(?:bombed|bombs|struck|strafed|fired|dropped|hit|targeted|carried out (?:\w+ )?(?:attacks?|raids?))",
          r"(?:with|using) (?:\w+ ){0,3}(?:armed |attack |kamikaze )?['‘’\"]?drones?\b",
          r"(?:jets?|aircraft|helicopters?|planes?)\b[^.]{0,40}\b(?:conducted|carried out|launched) (?:\w+ )?strikes")
SHELLING = _rx(r"shell(?:ed|ing|ings|s)?\b(?<!gas shells)(?<!gas shell)(?!\s+(?:company|oil|casings?))", r"cluster (?:munitions?|bombs?)",
               r"fired (?:\w+ ){0,3}(?:heavy )?machine[- ]guns? (?:at|on|towards) (?:the )?(?:\w+ ){0,2}positions", r"artillery", r"mortars?\b", r"rockets?\b", r"missiles?\b", r"howitzers?", r"mlrs", r"\bgrad\b",
               r"bombard", r"projectiles?", r"grenade launchers?", r"rpgs?\b", r"rocket-propelled", r"heavy weapons", r"heavy (?:\w+ )?rounds", r"tank fire")
IED = _rx(r"blew up (?:a |an |the |two |several )?(?:\w+ ){0,2}(?:road|roads|bridges?|railway|rail line|pipeline|tower|mast|safe|atm|checkpoint)s?\b", r"\bieds?\b", r"mine attacks?", r"remote(?:-controlled)? mines?", r"(?:planted|laid|detonated|triggered) (?:\w+ ){0,2}mines?\b", r"improvised explosive", r"roadside bomb", r"land ?mines?", r"\bmines? (?:exploded|blast|went off)", r"with (?:\w+ ){0,2}(?:mines|landmines|bombs|ieds|explosives)\b", r"car bomb",
          r"vehicle-borne", r"explosive device", r"bomb (?:exploded|went off|blast|attack)", r"bomb(?:ing)?\b", r"blasts?\b", r"explosions?\b",
          r"explod", r"detonat", r"bombed\b", r"booby[- ]trap", r"magnetic bomb", r"sticky bomb", r"explosives?\b", r"\bpipe bomb", r"parcel bomb", r"petrol bomb")
GRENADE = _rx(r"(?<!propelled )(?<!rocket-propelled )(?<!stun )grenades?\b(?! launchers?)",
              r"(?:hurled|threw|lobbed) (?:a |an |two |three |four |\d+ )?(?:hand[- ]?made |crude )?bombs?\b")  # bombs thrown by hand
SEXUAL = _rx(r"rap(?:e|ed|es|ing)\b", r"gang-?rap", r"sexual(?:ly)? (?:assault|abuse|violence|harass)", r"molest")
ABDUCTION = _rx(r"abduct", r"kidnap", r"captured (?:the |a |an |two |three |\d+ )?(?:\w+ ){0,2}(?:rector|priest|pastor|imam|mayor|civilians?|journalists?|villagers?|residents?|m[ae]n|wom[ae]n|children|people|crew|director|officials?|activists?|volunteers?)\b", r"taken hostage", r"took (?:\w+ ){0,3}hostage", r"held hostage", r"forced disappearance",
                r"forcibly disappeared", r"whisked away(?! to (?:\w+ )?(?:safe\w*|secure|shelters?|hospitals?|relief camps?))", r"taken captive", r"seized (?:\w+ ){0,2}(?:passengers|villagers|students|women|people)")
REGAIN = _rx(r"recaptur", r"retook", r"retaken", r"regain(?:ed)? control", r"liberat(?:ed|ion of)", r"took back", r"reclaimed")
OVERTAKE = _rx(r"(?:seized|captured|took|taken|overran|overrun|gained) (?:full )?(?:control of )?(?:the )?(?:town|village|city|district|base|area|territory|outpost|military base|camp|positions?|airport|capital|border crossing|locality|settlement)\b",
               r"took control", r"seized control", r"fell to", r"overran")
CLASH = _rx(r"clash(?:ed|es|ing)?\b", r"battles? between", r"shoot-?outs?\b", r"fired (?:\w+ ){0,2}(?:at|on|upon) (?:the |a |an )?(?:\w+ ){0,2}(?:military|army|police|policem[ae]n|soldiers?|troops|boat|convoy|checkpoint|post|patrol|base|positions?)",
            r"fired (?:\w+ ){0,4}(?:towards|in the direction of) (?:the )?(?:\w+ ){0,3}positions", r"downed (?:a |an |the |two |\d+ )?(?:\w+ ){0,2}(?:helicopter|aircraft|jet|plane|drone)",
            r"operations? against", r"aerial battle", r"bursts? of fire", r"exchanged? (?:gun)?fire", r"gun ?battles?", r"gun ?fights?", r"fire ?fights?", r"exchange(?:d|s)? (?:of )?(?:heavy )?(?:gun)?fire", r"fighting\b",
            r"fought\b", r"encounter\b", r"ambush", r"skirmish", r"offensive\b", r"assault(?:ed)? on", r"stormed",
            # engaged in fighting or with an armed side, not "engaged in ensuring", "engaged to carry out construction"
            r"engaged (?:in |with )?(?:an? |the |light |heavy |fierce |intense )?(?:\w+ ){0,2}(?:offensive|attacks?|assault|battles?|fight\w*|combat|clash\w*|shoot-?outs?|gunfights?|firefights?|exchanges?|skirmish\w*|firing|operations?|encounters?|hostilities|pushing|scuffles?|brawls?|violence|cleansing|killings?|massacres?|atrocities|militants|militiamen|militias?|rebels|insurgents|enemy|terrorists|gunmen|bandits|troops|soldiers|forces|police|army|positions|fighters)\b",
            r"attack(?:ed|s)? (?:on )?(?:a |an |the )?(?:\w+ ){0,2}(?:military|army|police|security|troops|soldiers|checkpoint|base|camp(?<!cattle camp)(?<!idp camp)(?<!refugee camp)(?<!fulani camp)(?<!herders camp)(?<!displacement camp)|post|convoy|patrol|barracks|outpost|station)",
            r"repel", r"repulsed", r"counter-?attack", r"battle for", r"heavy fighting", r"hostilities", r"armed confrontation")
KILLING = _rx(r"kill(?:ed|ing|s)?\b", r"shot\b", r"shooting", r"gunned down", r"murder", r"hack(?:ed)? to death", r"stabb", r"beheaded", r"behead",
              r"execut(?:ed|ion)", r"massacre", r"assassinat", r"tortur", r"beat(?:en)? to death", r"burn(?:ed|t) alive", r"opened fire",
              r"fired (?:\w+ ){0,3}(?:shots|gunshots|rounds|bullets) (?:at|on|into)\b", r"bod(?:y|ies) of (?:\w+ ){1,5}(?:was|were) found", r"found the bod(?:y|ies)", r"set fire to (?:a |the )?(?:man|woman|person|victim)", r"lynch", r"slaughter", r"shot at",
              # "died in police firing": Indian and Pakistani English for the police shooting
              r"(?:police|army|troops|security forces|paramilitary|crpf|bsf|rpf) firing\b", r"firing by (?:the )?(?:police|army|troops|security forces|paramilitary)")
VIOLENCE = _rx(r"attack(?:ed|s|ing)?\b", r"gunmen", r"assault(?:ed)?\b", r"wounded", r"injured", r"injuring\b", r"wounding\b", r"fired (?:\w+ ){0,3}gunshots\b", r"\bdead\b", r"dies\b", r"died\b", r"bodies",
               r"beat(?:en|ing)?\b", r"assailants", r"gunfire", r"violence against",
               r"fired (?:upon|on|at) (?:a |an |the )?(?:\w+ ){0,2}(?:vehicles?|cars?|bus(?:es)?|trucks?|houses?|homes?|people|civilians|villagers|motorists)\b")
LOOTING = _rx(r"loot", r"(?:set|sets|setting) (?:\w+ ){0,4}(?:ablaze|on fire|alight)", r"set fire to", r"torch(?:ed|ing)", r"burn(?:ed|t|ing) (?:down )?(?:\w+ )?(?:houses|homes|shops|property|vehicles|huts|villages?|buildings?|schools?|churches|mosques|offices|markets?|settlements?|police stations?)",
               r"vandali[sz]", r"destroy(?:ed|ing) (?:\w+ )?(?:houses|homes|property|shops|crops|buildings?|infrastructure|telecom|mast|school)", r"demolish", r"razed", r"ransack", r"plunder", r"rustl", r"stole\b|stolen\b|robbed|robbery")
WEAPONS = _rx(r"defus", r"(?:explosives|weapons|arms|ammunition|ieds?|bombs?|grenades|rifles|pistols|detonators|device)[^.]{0,80}\b(?:were|was) (?:recovered|seized|found|confiscated|defused|discovered)",
              r"(?:found|discovered|spotted|located) (?:the|a|an) (?:\w+ ){0,2}(?:device|bomb|ied|explosive)", r"(?:seized|recovered|found|discovered|confiscated|intercepted) (?:\w+ ){0,4}(?:weapons|arms|ammunition|explosives|rifles|guns|ieds?|bombs?|grenades|mines|rounds)",
              r"(?:weapons|arms) (?:cache|depot)", r"intercepted (?:\w+ ){0,2}(?:drones?|missiles?|rockets?)", r"shot down", r"dismantled (?:\w+ ){0,2}(?:bomb|ied|explosive)", r"bomb disposal", r"foiled", r"neutrali[sz]ed (?:\w+ ){0,2}(?:bomb|ied|explosive|device)",
              r"air defen[cs]e")
# "booked under the Arms Act", "booked for murder": a case against the people held, not a ticket or a room.
_BOOKED_FOR = (r"(?:under|by (?:the )?police|in (?:the |a )?(?:state|case|cases|connection|district|city)"
               r"|for (?:murder|rioting|arson|attempt|offen[cs]es?|crimes?|violence|their|his|her|allegedly|\d+|\w+ing\b))")
# "booked" is how Indian police reports say a case was registered against the people held.
ARRESTS = _rx(r"arrest", r"taken away by", r"took (?:\w+ ){0,3}away",  r"(?<!of )(?<!the )(?<!for )(?<!with )detain", r"apprehend", r"taken into custody", r"nabbed", r"rounded up", r"remanded", r"in custody", r"custody\b(?<!safe custody)(?<!symbolic custody)", r"held for questioning", r"picked up by (?:the )?(?:\w+ ){0,2}(?:police|army|troops|forces|security|officers|agents|personnel|soldiers|militants|gunmen)",
              r"booked\s+" + _BOOKED_FOR, r"sent to (?:\w+ )?(?:jail|prison)", r"lodged in (?:\w+ ){0,2}(?:jail|prison|lock-?up)", r"caught by (?:the )?(?:\w+ ){0,2}(?:police|army|troops|forces|personnel|officials|guards)")
AGREEMENT = _rx(r"(?:the|an|a) agreement\b", r"agreement\b[^.]{0,20}\bsigned", r"(?:peace|ceasefire|cease-fire|truce) (?:deal|agreement|accord|pact)", r"signed (?:an? |the )?(?:\w+ )?(?:agreement|accord|deal|memorandum|pact)", r"agreed (?:to|on) (?:a |an )?(?:ceasefire|truce|peace)", r"\btruce\b", r"prisoner (?:swap|exchange)", r"ceasefire (?:was|took effect|came into)",
                  # talks held, not talks wanted or spoken of ("negotiations will not be interrupted")
                  r"(?:held|hold|holding|opened|began|begun|started|resumed|renewed|concluded) (?:\w+ ){0,3}(?:peace talks?|negotiations|talks)\b",
                  r"surrender(?:ed|s)?\b")
HQ = _rx(r"(?:established|set up|setting up|built|opened) (?:a |an |their |its )?(?:new )?(?:military |operating |forward )?(?:base|headquarters|camp|outpost|garrison)")
CHANGE = _rx(r"announc(?:ed|es|ing) (?:the |a )?(?:formation|creation|establishment|new|launch)", r"pledg(?:ed|es) allegiance", r"(?:new|established|declared|establishing|announced) (?:a |the |its )?[\"'“‘]?(?:province|wilayah|wilaya|branch|faction|emirate|caliphate)",
             r"\bmerge[sd]?\b", r"splinter", r"renamed", r"formed (?:a|an|the) (?:new )?(?:group|militia|alliance|coalition|brigade|force)", r"curfew", r"state of emergency", r"(?:banned|outlawed|proscribed)\b",
             r"martial law", r"recruit", r"defect", r"appointed", r"new (?:leader|commander|emir)", r"dissolved", r"suspended (?:operations|activities)", r"deployed", r"deployment")
TRANSFER = _rx(r"(?:withdrew|withdrawn|withdrawal|pulled out|handed over|retreated|evacuated) (?:\w+ ){0,3}(?:from|control|to)", r"handover of")


# Analysts' notes open a strategic development with its kind ("Property destruction: On 4 April,
# soldiers burned ..."; "Displacement: ..."): the label says the sub-event type outright.
LABELS = {
    "property destruction": "Looting/property destruction", "looting": "Looting/property destruction",
    "land seizure": "Looting/property destruction", "arson": "Looting/property destruction",
    "movement of forces": "Change to group/activity", "security measures": "Change to group/activity",
    "change to armed group": "Change to group/activity", "recruitment": "Change to group/activity",
    "displacement": "Other", "non-violent activity": "Other", "other": "Other", "training": "Other",
    "elections/referendum": "Other", "elections": "Other", "mass grave": "Other", "explosive remnants of war": "Other",
    "interception": "Disrupted weapons use", "defusal": "Disrupted weapons use", "weapons seizure": "Disrupted weapons use",
    "detonation": "Disrupted weapons use", "agreement": "Agreement", "arrests": "Arrests", "arrest": "Arrests",
    "abduction": "Abduction/forced disappearance", "headquarters established": "Headquarters or base established",
    "base established": "Headquarters or base established", "non-violent transfer of territory": "Non-violent transfer of territory",
}
_LABEL = re.compile(r"^\W{0,3}(" + "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True)) + r")\s*:\s", re.I)


@dataclass(frozen=True)
class Typing:
    sub_event_type: str
    trigger: str
    strength: float  # 0..1, how clearly the words name this kind of event

    @property
    def event_type(self) -> str:
        return SUB_TO_TYPE[self.sub_event_type]

    @property
    def disorder_type(self) -> str:
        if self.sub_event_type == "Excessive force against protesters":
            return "Political violence; Demonstrations"
        return DISORDER[self.event_type]


def _hit(pattern: re.Pattern[str], sentence: str, candidates: set[int] | None = None) -> str | None:
    if candidates is not None and _PATTERN_IDS[id(pattern)] not in candidates:
        return None
    m = pattern.search(sentence)
    return m.group(0) if m else None


# "deny" as a denial of the event, not someone being denied something ("denied bail", "denied by a judge").
_DENY = (r"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )(?<!\bis )(?<!\bare )\b(?:denied|denies|deny)\b"
         r"(?!\s+(?:by|bail|entry|access|permission|permits?|visas?|the right|rights?|justice|medical|food|water|them|him|her|us|a|an|to)\b)")
_NEGATED = re.compile(r"(?:\b(?:no|not|never|without|rejected|dismissed)\b|" + _DENY
                      + r"|\b(?:tired|weary) of|\b(?:an )?end to|\bgave up|\bgive up|\brenounc(?:e|ed|ing)|\babandon(?:ed|ing)?)(?:\s+\w+){0,3}\s*$", re.I)


# Air power supporting a ground attack: "in conjunction with airstrikes", "supported by coalition air raids".
_AIR_SUPPORT = re.compile(r"\b(?:supported by|backed by|in conjunction with|with the support of|with (?:the )?(?:help|cover) of|including|air-ground)\s+(?:[\w'-]+\s+){0,4}?"
                          r"(?:air ?strikes?|airstrikes?|air raids?|warplanes?|aircraft|air support|helicopters?|drones?|shelling|operation)", re.I)
_GROUND_ATTACK = re.compile(r"\b(?:attack(?:ed|s)?|clash(?:ed|es)?|fought|fighting|ambush(?:ed)?|assault(?:ed)?|operations?|offensive|raid(?:ed)?)\b", re.I)
# The side that was hit firing back, in the sentences after a blast or a shelling: the sides met, a clash.
RETURN_FIRE = re.compile(
    r"\b(?:fired back|returned (?:the )?fire|exchanged (?:\w+ ){0,2}fire|exchanges? of (?:gun)?fire|fire ?fights?|gun ?battles?|shoot-?outs?|retaliated"
    r"|responded (?:\w+ ){0,4}(?:with|by)|reacted with|clash(?:ed|es)? (?:ensued|followed|broke out|erupted)|fighting (?:broke out|erupted|ensued)"
    r"|followed by (?:an? )?(?:ambush|clash|exchange|firefight|gun ?battle|fighting)|fired (?:\w+ ){0,4}(?:weapons|small arms|machine guns|rifles))\b", re.I)
# Direct fire: with it, artillery or a blast is part of a clash.
_SMALL_ARMS = Gated(re.compile(r"\bsmall[- ]arms\b|\bfirearms\b|\bgunfire\b|\bexchange(?:d|s)? (?:of )?(?:gun)?fire\b|\bgun ?battle\b|\bfire ?fight\b", re.I))
_TEAR_GAS = Gated(re.compile(r"\b(?:explod\w*|burst|lobb\w*|fired|hurled)\s+(?:[\d,]+\s+|\w+\s+){0,2}(?:rounds of\s+)?tear[- ]?gas(?:\s+(?:shells?|canisters?|grenades?|bombs?))?|\btear[- ]?gas\s+(?:shells?|canisters?|grenades?|bombs?)(?:\s+(?:exploded|burst|went off))?", re.I))
# (not "a landmine from previous clashes": the clash is the mine's history)
_GROUND_FIGHTING = Gated(re.compile(r"(?<!previous )(?<!earlier )(?<!past )\b(?:clash(?:ed|es|ing)?|fought|fighting (?:broke out|erupted|ensued)|fighting|gun ?battles?|fire ?fights?|exchanges? of fire|exchanged (?:\w+ ){0,2}(?:fire|shelling|shells|artillery|mortars?)|(?:shelling|artillery|mortar) exchanges?|shell(?:ed)? back|heavy fighting|ground (?:and air )?(?:operations?|offensive|assault)|in both directions|responded (?:to the attack )?with)\b", re.I))
_FIREARMS = Gated(re.compile(r"\b(?:gun|guns|gunfire|gunmen|fire[ds]?|firing|shot|shots|shooting|rifles?|armed|bombs?|grenades?|weapons|militants?|rebels?|insurgents?|troops|soldiers|army|military)\b", re.I))
# Attacks on people and things no army fights over: a school, a bus, a market, a candidate.
CIVILIAN_TARGET = Gated(re.compile(
    r"\b(?:attacked|targeted|raided|ambushed|burned|set fire to|opened fire on|fired (?:at|on|upon)|assaulted|beat(?: up)?|killed|abducted|kidnapped)\s+(?:(?!(?:near|in|at|around|outside|close)\b)\w+\s+){0,3}?"
    r"(?:schools?|church(?:es)?|mosques?|markets?|bus(?:es)?|trucks?|vehicles?|cars?|houses?|homes?|village(?:rs)?|shops?|hospitals?|camps?|farms?|farmers?|travell?ers|motorists|passengers|worshippers|civilians?|candidates?|lawyers?|journalists?|teachers?|traders?|residents?|husband|wife|man|woman|men|women|boy|girl|children|family|villagers|herders?|miners?)\b",
    re.I,
))
# Someone singled out by a crowd: mob violence rather than a violent demonstration.
_VICTIM = re.compile(r"\b(?:beat(?:en)?|beating|lynch\w*|stoned|kill\w*|murder\w*|assault\w*|attacked (?:a|an|the|two|three|\d+) (?:\w+ )?(?:man|woman|men|women|person|people|suspect|thief|driver|student|member|family|trader)s?|hacked|stabbed|injur\w*|wounded|chased)\b", re.I)
# A later sentence of a protest report: violence by the protesters themselves, or police stepping in unnamed.
PROTESTERS_VIOLENT = re.compile(
    r"\b(?:demonstrators|protesters|protestors|the crowd|the group|participants|they)\b(?:(?! were | was )[^.;]){0,50}?\b(?:attacked|assaulted|kidnapped|abducted|fought|clashed|chased|damaged|destroyed|burned|set fire|attempted to attack|retaliated|threw|pelted|vandali[sz]ed|looted|blocked \w+ with)\b"
    r"|\b(?:brawl|fights? (?:between|among))\b", re.I)
# "One person was arrested", "police fired tear gas": someone stepped in, most likely the police.
PASSIVE_INTERVENTION = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|many|dozens|scores|hundreds|(?:\w+ )?(?:protesters|demonstrators|people|persons|participants|activists|students|organi[sz]ers))"
    r" (?:\w+ ){0,2}(?:was|were) (?:\w+ )?(?:arrested|detained|dispersed|removed|taken into custody|evicted)\b|\btear ?gas\b|\brubber bullets\b|\bwater cannons?\b", re.I)
# Rioting that blocks and burns with nobody singled out: how a demonstration turns violent.
_ROADBLOCK_RIOT = re.compile(r"\bburning (?:tyres|tires|objects|debris|barricades)|\bbarricad\w*|\bblock(?:ed|ing) (?:\w+ ){0,3}(?:roads?|streets?|highway)|\b(?:demand(?:ed|ing)|protest(?:ed|ing)?|demonstrat\w+)\b"
                            r"|\b(?:rioted|rioters|riot)\b[^.;]{0,80}\b(?:against|broke|smashed|stormed)\b", re.I)
# Who was hit: the words after an active verb of violence, or before a passive one.
_HIT_VERBS = r"(?:killed|killing|abducted|kidnapped|shot|shot at|shot dead|shot and (?:killed|injured|wounded)|attacked|ambushed|assaulted|beat|beat up|stabbed|(?:opened fire|fired) (?:on|at|upon|towards|in the direction of)|targeted|hacked|executed|murdered|lynched|gunned down|injured|wounded|beheaded)"
_ACTIVE_HIT = re.compile(r"\b" + _HIT_VERBS + r"\s+(?!by\b|and\b)((?:(?!(?:in|inside|near|at(?! least| most)|on|while|after|during|who|which|and then|by)\b)[\w'-]+\s*){1,7})", re.I)
_PASSIVE_HIT = re.compile(r"((?:[\w'-]+\s+){1,6})(?:was|were|had been|have been|has been|got) (?:\w+ )?(?:shot|killed|attacked|ambushed|assaulted|beaten|beaten up|stabbed|injured|wounded|murdered|executed|lynched|hacked|gunned down|beheaded|shot dead)\b", re.I)
_ARMED_VICTIM = re.compile(
    r"(?i:\b(?:soldiers?|troops|servicem[ae]n|police(?:m[ae]n)?|police officers?|officers?|constables?|gendarmes?|militants?|fighters?|insurgents?|rebels?|guerrill?as?|militiam[ae]n|militias?|"
    r"combatants?|separatists?|jihadists?|members? of (?:the |a |an )?(?:\w+ ){0,3}(?:group|gang|militia|army|forces|police|division|brigade|battalion|cartel|faction|front|command)|"
    r"(?:gang|cartel|militia|(?<!ethnic )group|faction|army|military|security|police|division|brigade|battalion|regime|taliban|rebel|armed) members?|"
    r"(?<!medical )(?<!health )(?<!media )personnel|(?<!civilian )(?<!humanitarian )forces|armed (?:m[ae]n|individuals|persons)|gunm[ae]n|bandits|kidnappers|commanders?|drug traffickers?|drug dealers?|traffickers?|gang(?:sters?)?|"
    r"positions?|posts?|checkpoints?|patrols?|convoys?|barracks|bases?|outposts?|military vehicles?|tanks?|security guards?|guards?|lieutenants?|colonels?|captains?|sergeants?)\b)"
    # "a TCP member", "an Islamic Revolutionary Guard Corps member": a member of a named group
    r"|\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}\s+(?:member|members|fighter|fighters|militant|militants|commander)\b")
_CIVILIAN_VICTIM = re.compile(
    r"\b(?:off-duty|former|retired|ex-|civilians?|villagers?|residents?|farmers?|herders?|m[ae]n|wom[ae]n|persons?|people|child(?:ren)?|boys?|girls?|students?|teachers?|traders?|merchants?|vendors?|"
    r"drivers?|motorcyclists?|workers?|labou?rers?|journalists?|doctors?|nurses?|monks?|priests?|pastors?|imams?|elders?|famil(?:y|ies)|passengers?|travell?ers|worshipp?ers|"
    r"vehicles?|trucks?|cars?|bus(?:es)?|houses?|homes?|shops?|churche?s?|mosques?|schools?|hospitals?|leaders?|activists?|candidates?|chiefs?|officials?|youths?|couple|victims?|miners?|fisherm[ae]n|shepherds?|"
    # people in custody, office holders and kin: unarmed whatever group they belong to
    r"prisoners?|detainees?|inmates?|mayors?|councill?ors?|councilm[ae]n|politicians?|lawmakers?|legislators?|ministers?|administrators?|chairm[ae]n|chairpersons?|"
    r"employees?|clerks?|engineers?|contractors?|owners?|businessm[ae]n|judges?|lawyers?|supporters?|voters?|ambulances?|"
    r"brothers?|sisters?|sons?|daughters?|fathers?|mothers?|wife|wives|husbands?|relatives?)\b", re.I)


_BEFORE_PARTICIPLE = re.compile(r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+\s+)?$", re.I)


def victim(sentence: str, unarmed: Collection[str] = ()) -> str | None:
    """'civilian' or 'armed' for whom the sentence's violence hit, when the words say; else None.
    ``unarmed``: names of groups whose members are civilians when hit ("a TMC member": a party's)."""
    passive = _PASSIVE_HIT.search(sentence)
    # "a woman was killed when police opened fire": a verb in the passive has no object after it
    active = next((m for m in _ACTIVE_HIT.finditer(sentence) if not _BEFORE_PARTICIPLE.search(sentence[max(0, m.start() - 30) : m.start()])), None)
    # "a man was shot dead by militants": the victim is before the verb
    order = (passive, active) if passive and re.match(r"\s*(?:\w+\s+){0,3}?by\b", sentence[passive.end():]) else (active, passive)
    for m in order:
        if not m:
            continue
        phrase = m.group(1)
        civilian = _CIVILIAN_VICTIM.search(phrase)
        armed = _ARMED_VICTIM.search(phrase)
        if armed and any(name in phrase for name in unarmed):  # "a UP member belonging to Awami League"
            armed, civilian = None, armed
        if civilian and re.match(r"off-duty|former|retired|ex-", civilian.group(0), re.I):
            return "civilian"
        if armed:
            return "armed"
        if civilian:
            return "civilian"
    return None


_ARRESTED_FOR = Gated(re.compile(
    r"\b(arrest(?:ed|s|ing)?(?! of)|detain(?:ed|ing)?|apprehend(?:ed)?|nabbed|rounded up|taken into custody|held)\b[^.;]{0,80}?\b(?:in connection with|accused (?:of|in)|charged with|booked (?:for|under)|suspected of|"
    r"wanted (?:in|for)|on charges? of|on suspicion of|for (?:allegedly|(?:their|his|her) (?:alleged )?(?:role|involvement)|rioting|attacking|killing|murder|arson|looting|possession|stone))", re.I))
# "police arrested 4,000 rioters", "30 activists were taken into custody": the arrest is what happened.
_STATE_ARRESTED = Gated(re.compile(
    r"\b(?:police|policemen|cops|army|troops|forces|authorities|crpf|bsf|rpf|ats|cbi|nia|task force|sleuths)\b(?:\s+\w+){0,3}?\s+(?:have |had |has )?(arrested|detained|rounded up|nabbed|apprehended|picked up|booked)\b"
    r"(?! (?:tickets|seats|rooms|flights|(?:a|an|the) (?:room|ticket|seat|flight|hall|venue|taxi|cab|train)))"
    r"|\b(?:were|was|(?:have|had|has)(?: already| also| reportedly| since)? been|being) (?:(?!not\b|never\b)\w+ )?(arrested|detained|rounded up|nabbed|apprehended|taken into custody|booked(?=\s+" + _BOOKED_FOR + r")"
    r"|picked up by (?:the )?(?:\w+ ){0,2}police|caught by (?:the )?(?:\w+ ){0,2}(?:police|army|troops|forces|personnel))\b", re.I))
# A killing named as someone's charge, not reported as an event: "wanted in several murder cases",
# "the main accused in the murder of a journalist".
_CHARGE = Gated(re.compile(
    r"\b(?:accused|suspects?|suspected|wanted|charged|convicted|booked|involved|named|arrested|held|nabbed|absconding"
    r"|sentenced|jailed|imprisoned|serving (?:\w+ ){0,3}sentences?)\s+(?:in|of|for|with)\s+"
    r"(?:(?:the|a|an|several|many|various|his|her|their|alleged|two|three|four|\d+|aggravated|attempted|first-degree|second-degree|capital|double|triple)\s+)*"
    r"(?:murders?|killings?|lynching|assassination|molest\w*|rap(?:e|es|ing)|sexual(?:ly)? (?:assault\w*|abus\w*|harass\w*))\b", re.I))
_ASIDE = re.compile(r"\([^()]{0,200}\)")
# "five JNIM members were arrested": the group named is who was held; nobody says by whom.
PASSIVE_ARREST = re.compile(r"\b(?:were|was|been|being) (?:\w+ )?(?:arrested|detained|rounded up|nabbed|apprehended|taken into custody|booked)\b(?!\s+by\b)", re.I)
# The two arrest patterns are searched directly, not through ``_hit``. Every match of theirs
# holds one of these verbs; registering them keeps ``could_report`` true for such sentences
# (tests/test_extract_gate.py holds the verbs against the patterns).
ARREST_VERBS = ("arrest", "detain", "apprehend", "nabbed", "rounded up", "taken into custody", "held", "picked up", "booked", "caught")
_INDEX.add(list(ARREST_VERBS))
_INDEX.freeze()  # no pattern may be added after this line
# Unarmed people acting together: the perpetrators of mob violence.
_CROWD = re.compile(
    r"\b(?:by|a group of|group of|dozens of|hundreds of|scores of|some)\s+(?:\w+\s+){0,3}?(?:residents|locals|villagers|people|persons|youths|students|relatives|members|workers|neighbou?rs|community|crowd|settlers|pedestrians|vendors|passers-by|villagers)\b"
    r"(?! of (?:\w+ ){0,4}(?:group|gang|militia|cartel|faction|army|forces|police|organi[sz]ation)s?\b)"
    r"|^(?:\W*(?:on|around|in) [^,]{0,60},\s*)*(?:the |some |angry |irate )?(?:residents|locals|villagers|relatives|students|settlers|pedestrians|neighbou?rs|community members|vendors|traders|youths)\b"
    r"|\b(?:members|cadres|supporters) of (?:the |a )?(?:[\w()-]+ ){0,3}(?:community|tribe|party|clan|union)\b|\bcadres of\b"
    r"|\b(?:\d+|dozens of|hundreds of|scores of) (?:villagers|residents|locals|neighbou?rs|youths)\s+(?:\w+ )?(?:kidnapped|beat|captured|attacked|assaulted|lynched|stoned|tied)", re.I)
# Someone punished by the people around him for what he is said to have done.
_ACCUSED = re.compile(r"\b(?:accus\w+ (?:him |her |them )?(?:of )?|suspected (?:of |to be )?(?:being )?(?:an? |the )?|alleged(?:ly)? )(?:\w+ ){0,2}?"
                      r"(?:theft|thie(?:f|ves)|steal\w*|stole|robb\w*|burglar\w*|rap(?:e|ed|ist|ing)|molest\w*|kidnap\w*|abduct\w*|witch\w*|sorcer\w*|blasphem\w*|cattle|livestock)", re.I)
_CROWD_JUSTICE = Gated(re.compile(r"\b(?:beat(?:en)?(?: up)?|beating|lynch\w*|captured|caught|tied|tortured|stoned|assaulted|burn(?:ed|t) (?:alive|to death)|paraded|thrashed)\b", re.I))
# Protesters harming people or things in the protest's own sentence.
_PROTESTERS_HARM = re.compile(
    r"\b(?:assaulted|beat|beaten up|attempted to attack|attacked|burnt|burned|damaged|destroyed|vandali[sz]ed|looted|slashed|smashed|stoned)\s+(?:[\w'’]+\s+){0,2}?"
    r"(?:passers-by|passersby|commuters|drivers?|motorists|journalists?|vehicles?|cars?|shops?|machines?|machinery|property|windows?|windshields?|buildings?|offices?|tires|tyres|houses?|shacks?|civilians|citizens)\b", re.I)
# Protesters or a rally's crowd attacking people: mob violence, not a violent demonstration.
_PROTESTERS_ASSAULT = re.compile(
    r"\b(?:assaulted|attacked|beat(?: up)?|manhandled|stabbed|hacked|dragged|kicked|punched)(?: and (?:\w+ ){0,2}?(?:injured|chased|beat(?: up)?|assaulted))?\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?:m[ae]n|wom[ae]n|persons?|people|drivers?|journalists?|reporters?|supporters|members|citizens|passers-?by|bodyguards?|officials?|rivals?|students?|teachers?|workers?)\b", re.I)
_GUNFIRE = re.compile(r"\b(?:guns?|gunfire|gunmen|shot|shots|shooting|fired|firing|firearms?|rifles?|armed|bullets?|opened fire|exchanged fire)\b", re.I)
_INSURGENTS = re.compile(r"\b(?:boko haram|iswap|al[- ]shabaa?b|militants?|insurgents?|jihadists?|fighters|gunmen|bandits|terrorists)\b", re.I)
# Words of a protest's own sentence that tell of an arrest or eviction in its grievance, not at it.
_GRIEVANCE_BEFORE = re.compile(r"(?:release of|(?:who|that|which) (?:was|were|had been|has been|have been|is|are)|recent|against(?: the)?|over(?: the)?|protesting(?: the)?|that were|for not|failing to|failure to|refus\w* to|suspect\w*|believe\w*|accus\w*|alleg\w*)\s+(?:\w+\s+){0,4}$", re.I)


def stepped_in(sentence: str) -> bool:
    """Police dispersing or arresting the protesters, not an arrest the protest is about."""
    for m in INTERVENTION.finditer(sentence):
        if not _GRIEVANCE_BEFORE.search(sentence[max(0, m.start() - 60) : m.start()]):
            return True
    return False


def arrest_clause(sentence: str) -> str | None:
    """The words of an arrest the sentence reports beside its main event ("73 people died in police
    firing while over 2,500 were arrested"), or None: not one that is denied or demanded."""
    for m in _STATE_ARRESTED.finditer(sentence):
        before = sentence[max(0, m.start() - 60) : m.start()]
        if not (_NEGATED.search(before[-40:]) or _GRIEVANCE_BEFORE.search(before) or _NOT_YET.search(before)):
            return next(g for g in m.groups() if g)
    return None


# "demanded that those responsible be arrested", "should be booked", "will be arrested": not done yet.
_NOT_YET = re.compile(r"\b(should|must|would|will|be|may|might|could|demand\w*|want\w*|seek\w*|sought|urg\w*|call\w* for|if|unless"
                      r"|(?:powers?|authori[sz]\w*|ordered|directed|asked|instructed|empowered|allowed|decided|plans?|planning|tried|trying|attempt\w*|free) to"
                      r"|had\s+(?!(?:already|also|since|not|never|just|earlier|previously|\w+ly)\b)\w+(?:\s+\w+)?\s+been)\s+(?:\w+\s+){0,3}$", re.I)
# "demanded a ban on the group and arrest of its leaders", "if there is any firing or arrests": the arrest
# is one item of a list that is asked for or imagined.
_ASKED_LIST = re.compile(r"\b(?:demand\w*|sought|seek\w*|call\w* for|urg\w*|if|unless|whether)\b[^.;!?\"]{0,80}\b(?:and|or)\s+$", re.I)
# "my arrest would not be in anyone's interest": an arrest spoken of, not made.
_ARREST_NOUN = re.compile(r"(?:arrests?|detentions?)\b(?!\s+(?:them|him|her|us|me)\b)", re.I)
_MODAL_AFTER = re.compile(r"(?:arrests?|detentions?)\s+(?:would|will|could|might|may|should|can)\b", re.I)


def _arrest_done(sentence: str) -> bool:
    """An arrest that happened, not one asked for or imagined ("should be booked", "if caught by police")."""
    for m in ARRESTS.finditer(sentence):
        cue = _NOT_YET.search(sentence[max(0, m.start() - 40) : m.start()])
        asked = _ARREST_NOUN.match(sentence, m.start()) and _ASKED_LIST.search(sentence[max(0, m.start() - 100) : m.start()])
        if not (cue or asked or _BARE_ARREST.match(sentence, m.start()) or _MODAL_AFTER.match(sentence, m.start())):
            return True
    return False


# "... and detain them", "ordered to arrest all suspicious passengers": the verb's bare form tells of no arrest made.
_BARE_ARREST = re.compile(r"(?:arrest|detain|apprehend)\s+(?:them|him|her|us|me|all|those|anyone|any|such|every)\b", re.I)


# What the protest is against or about, not what its participants did: "against the stone pelting
# at the house", "affected due to violent demonstrations", "sentenced for ransacking the school".
_RIOT_GRIEVANCE = re.compile(
    r"\b(?:against|over|following|after|due to|because of|since|about|condemn\w*|denounc\w*|accountability for|release of|"
    r"sentenced|accused|involved in|generated|caused|affected|victims of|anniversary of|regarding|related to|in connection with|awareness (?:of|to|about)|justice for|memory of)\s+(?:[\w'-]+\s+){0,5}$", re.I)


def own_rioting(sentence: str, pattern: re.Pattern[str] = VIOLENT_DEMO) -> re.Match[str] | None:
    """Rioting the protesters themselves did in this sentence, not rioting the protest is about
    or rioting the report says did not happen ("there was no clash between the two sides")."""
    for m in pattern.finditer(sentence):
        before = sentence[max(0, m.start() - 80) : m.start()]
        if not (_RIOT_GRIEVANCE.search(before) or _NEGATED.search(before[-40:])):
            return m
    return None


def _search(pattern: re.Pattern[str], sentence: str) -> str | None:
    m = pattern.search(sentence)
    return m.group(0) if m else None


# Taken to an unknown place, held incommunicado or seized to be conscripted: no arrest but an abduction.
DISAPPEARED = re.compile(r"\bwhereabouts (?:remain(?:ed|s)?|are|is|were|was) (?:still )?unknown|\bunknown (?:location|destination)\b|\bforcibly disappeared|\bincommunicado\b"
                         r"|\bfor (?:forced |compulsory )?conscription\b|\bto (?:forcibly )?conscript\b", re.I)
# Someone denies the event ("the army denied attacking"), not someone denied something
# ("her right to an abortion denied by a judge", "were denied bail", "denied entry").
_DENIAL = Gated(re.compile(_DENY + r"|\bcould not be (?:independently )?(?:verified|confirmed)\b", re.I))


# "Iran threatened to shell Iraqi towns", "farmers said they would blockade Paris", "will extend the
# curfew", "unless Baghdad accepts": an event announced, threatened or imagined, not one that happened.
_UNREALISED = re.compile(r"\b(?:will|would|shall|threaten(?:s|ed|ing)? to|vow(?:s|ed|ing)? to|pledg(?:es|ed|ing) to|plan(?:s|ned|ning)? to"
                         r"|intend(?:s|ed|ing)? to|prepared to|ready to|unless|if)\s+[^.;:,()\"“”]{0,50}$", re.I)
# "demanded the withdrawal of Serbian forces", "must reach an agreement", "opposed the deployment of a
# force": a development asked for, refused or brokered is not one that happened. (Not for arrests:
# "demanded the release of the arrested" tells of arrests made; ``_NOT_YET`` reads those.)
_WANTED = re.compile(r"\b(?:demand\w*|call\w* for|urg\w*|request\w*|oppos\w*|refus\w*|must|seek\w*|sought|broker\w*|mediat\w*"
                     r"|push\w* for|press\w* for)\b[^.;:,()\"“”]{0,50}$", re.I)
# "to a question on how many people were killed in police firing, he said the toll was 13": a tally
# asked about at a press meeting, not a report of one event.
_ASKED_HOW_MANY = re.compile(r"\bhow many\b[^.;!?]{0,70}$", re.I)


# ACLED's analysts end the note of every demonstration with the crowd's size ("[size=no report]",
# "[size=around 200]"): whatever else its words suggest, the event is a protest or a riot.
SIZE_TAG = re.compile(r"\[size=[^\]]*\]?", re.I)


def classify(sentence: str, *, has_state: bool, has_armed: bool, target_is_civilian: bool, killed: bool, demonstration: bool = False,
             unarmed: Collection[str] = ()) -> Typing | None:
    """``demonstration``: the report carries an analyst's crowd-size tag (``SIZE_TAG``); ``unarmed``: names
    the sentence gives of groups that bear no arms, such as political parties (see ``victim``)."""
    sentence = literal(sentence)  # "a cardiac arrest", "shot down the rumours": no event
    typing = _classify(sentence, has_state=has_state, has_armed=has_armed, target_is_civilian=target_is_civilian, killed=killed, unarmed=unarmed)
    before = sentence[: max(0, sentence.lower().find(typing.trigger.lower()))] if typing else ""
    if typing and (_NEGATED.search(before[-40:]) or _DENIAL.search(sentence) or _ASKED_HOW_MANY.search(before[-80:])
                   or _UNREALISED.search(before[-60:])
                   or (typing.event_type == "Strategic developments" and typing.sub_event_type != "Arrests" and _WANTED.search(before[-60:]))):
        typing = None  # "there was no fighting", "the army denied attacking", "claims could not be verified", "threatened to shell"
    if demonstration:
        return _as_demonstration(typing, sentence, killed=killed, target_is_civilian=target_is_civilian)
    if typing is None:
        return None
    if typing and typing.sub_event_type == "Arrests" and DISAPPEARED.search(sentence):
        # taken to an unknown place, whereabouts unknown: a forced disappearance, whoever took them
        return Typing("Abduction/forced disappearance", typing.trigger, typing.strength)
    if typing and typing.sub_event_type == "Arrests" and has_armed and not has_state and not PASSIVE_ARREST.search(sentence):
        # ACLED: a detention by a non-state group is an abduction ("five JNIM members were arrested" is not one).
        return Typing("Abduction/forced disappearance", typing.trigger, typing.strength)
    return typing


# What a crowd does to people and things that no rule of its own types: "damaged a building",
# "forced their way into the venue", "disrupted a meeting", "tied up their mayor".
_CROWD_HARM = re.compile(r"\b(?:damag(?:ed|ing)|burn(?:ed|t|ing)|whipp(?:ed|ing)|tied up|dragg(?:ed|ing)|forced (?:their|its|his) way|disrupt(?:ed|ing)|smash(?:ed|ing)|manhandl(?:ed|ing)|punch(?:ed|ing)|kick(?:ed|ing))\b", re.I)


def _as_demonstration(typing: Typing | None, sentence: str, *, killed: bool, target_is_civilian: bool) -> Typing:
    """The typing of a sentence of a demonstration's report: violence in it is the crowd's,
    arrests are how police met it, and anything else is the gathering itself."""
    if typing is None:
        harm = _VICTIM.search(sentence) or _CROWD_HARM.search(sentence)
        return Typing("Mob violence", harm.group(0), 0.5) if harm else Typing("Peaceful protest", "[size=", 0.4)
    if typing.event_type in ("Protests", "Riots"):
        return typing
    at = sentence.lower().find(typing.trigger.lower())
    if at > 0 and KILLING.match(typing.trigger) and _RIOT_GRIEVANCE.search(sentence[max(0, at - 80) : at]) and not own_rioting(sentence):
        return Typing("Peaceful protest", typing.trigger, typing.strength)  # "gathered over the murder of a young woman"
    if typing.sub_event_type == "Arrests":
        return Typing("Protest with intervention", typing.trigger, typing.strength)
    if typing.event_type == "Strategic developments" and typing.sub_event_type != "Looting/property destruction":
        return Typing("Peaceful protest", typing.trigger, typing.strength)
    if _ROADBLOCK_RIOT.search(sentence) and not killed and not target_is_civilian and not _VICTIM.search(sentence):
        return Typing("Violent demonstration", typing.trigger, typing.strength)  # barricades and fires, nobody singled out
    return Typing("Mob violence", typing.trigger, typing.strength)


# "accusing them of coordinating the protests", "for his participation in mass protests": a protest
# named as the reason for an arrest or a beating, not one the sentence reports.
_PROTEST_AS_REASON = re.compile(
    r"\b(?:accus\w+ (?:\w+ )?of|on (?:the )?(?:charges?|accusations?|suspicion) of|(?:for|over|in connection with) (?:his |her |their )?(?:alleged )?"
    r"(?:participation|participating|taking part|involvement|role|supporting|coordinating|organi[sz]ing|leading))\s+(?:[\w'-]+\s+){0,4}$", re.I)


def _names_its_protest(sentence: str) -> bool:
    """True unless every protest word of the sentence is the reason for what was done to someone."""
    return any(not _PROTEST_AS_REASON.search(sentence[max(0, m.start() - 80) : m.start()]) for m in PROTEST.finditer(sentence))


def _fought(sentence: str) -> bool:
    """Words of ground fighting, not "fighting" alone (a "gamecock fighting group", "the fighting season")."""
    return any(m.group(0).lower() != "fighting" for m in _GROUND_FIGHTING.finditer(sentence))


def _first(position: int, sentence: str, candidates: set[int]) -> bool:
    """True when no word of violence comes before ``position``: the arrest leads the sentence
    ("police arrested 4,000 rioters"), it does not follow a clash the sentence reports first."""
    for pattern in (MOB, CLASH, KILLING, VIOLENCE, IED, SHELLING, LOOTING, ABDUCTION):
        if _PATTERN_IDS[id(pattern)] in candidates:
            m = pattern.search(sentence)
            if m and m.start() < position:
                return False
    return True


# Strategic developments ACLED codes only when a party to a conflict (state forces, an armed group)
# makes them: a company's deal, a renamed street, evacuated tenants are none. A ceasefire, a truce,
# peace or a surrender is an agreement whoever is named.
_BETWEEN_PARTIES = {"Agreement", "Headquarters or base established", "Change to group/activity", "Non-violent transfer of territory"}
_OF_WAR = re.compile(r"cease-?fire|truce|peace|surrender|prisoner|hostage|armistice", re.I)


def _between_parties(trigger: str, *, has_state: bool, has_armed: bool) -> bool:
    return has_state or has_armed or bool(_OF_WAR.search(trigger))


# A weapon named without being used is no attack: the shelling words that are only nouns need a
# word of firing, striking or harm in the sentence.
_WEAPON_NOUN = re.compile(r"(?:artillery|mortars?|rockets?|missiles?|howitzers?|heavy weapons|projectiles?|mlrs|grad|rpgs?)", re.I)
_USED = re.compile(r"\b(?:fir(?:ed|es|e|ing)|launch\w*|shell\w*|struck|strikes?|hit|hits|land(?:ed|ing)|fell|pound\w*|bombard\w*|attack\w*|target\w*|rain\w*"
                   r"|explo\w*|intercept\w*|kill\w*|wound\w*|injur\w*|damag\w*|destroy\w*|used|using|open(?:ed)? fire|barrage|salvos?|volleys?|impact\w*|shot"
                   r"|observed|involving)\b", re.I)  # "the OSCE SMM observed 16 projectiles involving unknown weapons"
# "Russian forces missiles at Pokrovske" (a note that lost its verb): a weapon aimed at a place
_AIMED = re.compile(r"\s+(?:at|on|into|towards?|against)\b", re.I)


def _classify(sentence: str, *, has_state: bool, has_armed: bool, target_is_civilian: bool, killed: bool, unarmed: Collection[str] = ()) -> Typing | None:
    """The sub-event type of a sentence, or None when it reports no event."""
    s = sentence
    label = _LABEL.match(s)
    if label:
        return Typing(LABELS[label.group(1).lower()], label.group(1), 0.95)
    # "a man wanted in several murder cases was arrested": the murder is his charge, no event of its own
    s = _CHARGE.sub(lambda m: " " * len(m.group(0)), s)
    candidates = _candidates(s)
    # "29 persons have been arrested in the naroda incident (where ... others were killed)": an aside
    # in brackets tells what the incident was, not what the sentence reports
    told = _ASIDE.sub(lambda m: " " * len(m.group(0)), s)
    arrested_for = _ARRESTED_FOR.search(s) or (_STATE_ARRESTED.search(s) if not killed and not _hit(KILLING, told, candidates) else None)
    if arrested_for and not _NEGATED.search(s[: arrested_for.start()][-40:]) and not _hit(PROTEST, s, candidates) and _first(arrested_for.start(), told, candidates):
        # "eight people were arrested in connection with the riots": the riot is the charge, the arrest the event
        return Typing("Arrests", next(g for g in arrested_for.groups() if g), 0.7)

    def hit(pattern: re.Pattern[str]) -> str | None:
        return _hit(pattern, s, candidates)

    protest = hit(PROTEST)
    if protest and _names_its_protest(s):
        force = own_rioting(s, EXCESSIVE) if killed and has_state and hit(EXCESSIVE) else None
        if force and not _GRIEVANCE_BEFORE.search(s[max(0, force.start() - 60) : force.start()]):
            # (not "to call for justice for a man who was killed by the police": the killing the protest is about)
            return Typing("Excessive force against protesters", protest, 0.85)
        assault = own_rioting(s, _PROTESTERS_ASSAULT) if not has_state else None
        if assault and not re.search(r"demonstrat|protest", s, re.I):
            return Typing("Mob violence", assault.group(0), 0.8)  # "supporters assaulted a man during the rally": a rally's crowd
        riot_words = own_rioting(s) if hit(VIOLENT_DEMO) else None
        riot = (riot_words.group(0) if riot_words else None) or _search(_PROTESTERS_HARM, s) or (assault.group(0) if assault else None)
        if riot:
            return Typing("Violent demonstration", riot, 0.8)
        if stepped_in(s) and has_state:
            return Typing("Protest with intervention", protest, 0.8)
        return Typing("Peaceful protest", protest, 0.75)
    agreement = hit(AGREEMENT)
    if agreement and not killed and not hit(KILLING) and re.search(r"sign|agreed|agreement|deal|accord|ceasefire|truce", agreement, re.I) \
            and _between_parties(agreement, has_state=has_state, has_armed=has_armed):
        return Typing("Agreement", agreement, 0.7)
    # "exploded 8,300 tear-gas shells": crowd control, not a grenade, an explosive or a shelling
    arms = _TEAR_GAS.sub(lambda m: " " * len(m.group(0)), s)
    support = _AIR_SUPPORT.search(s) if hit(AIR) and (has_state or has_armed) else None
    ground_attack = (_GROUND_ATTACK.search(s[: support.start()]) or _GROUND_ATTACK.search(s, support.end())) if support else None
    if ground_attack:
        # "militants attacked soldiers, in conjunction with airstrikes", "forces, supported by coalition air raids,
        # clashed with Houthi forces": ACLED codes the ground battle
        return Typing("Armed clash", ground_attack.group(0), 0.8)
    for sub, pattern, strength in (
        ("Chemical weapon", CHEMICAL, 0.9),
        ("Suicide bomb", SUICIDE, 0.95),
        ("Air/drone strike", AIR, 0.9),
        ("Grenade", GRENADE, 0.85),
    ):
        found = _hit(pattern, arms if sub == "Grenade" else s, candidates)
        if found and sub == "Grenade" and not target_is_civilian and _SMALL_ARMS.search(s):
            return Typing("Armed clash", found, 0.8)  # "fired grenade launchers and small arms at the positions"
        if found:
            return Typing(sub, found, strength)
    ied, shell = _hit(IED, arms, candidates), _hit(SHELLING, arms, candidates)
    if shell and _WEAPON_NOUN.fullmatch(shell) and not _USED.search(s) and not _AIMED.match(s, s.lower().find(shell.lower()) + len(shell)):
        shell = None  # "an agreement on reducing nuclear missiles", "the howitzer contract": weapons, no attack
    ground = _GROUND_FIGHTING.search(s)
    if ied and not shell and ground and ground.group(0).lower() != "fighting" and (has_state or has_armed) and not hit(WEAPONS):
        return Typing("Armed clash", ground.group(0), 0.8)  # "an attack involving clashes and a car bomb"
    direct = _SMALL_ARMS.search(s) if (shell or ied) and not target_is_civilian else None
    if direct and not hit(WEAPONS):
        # small arms beside artillery or a blast: the sides were in direct contact, a clash
        return Typing("Armed clash", direct.group(0), 0.8)
    if shell and ground and (has_state or has_armed):
        # artillery used in a ground battle: ACLED codes the battle
        return Typing("Armed clash", ground.group(0), 0.8)
    if shell and not (ied and re.search(r"ied|improvised|roadside|mine|car bomb", ied, re.I)):
        return Typing("Shelling/artillery/missile attack", shell, 0.85)
    if ied and not hit(WEAPONS):
        return Typing("Remote explosive/landmine/IED", ied, 0.8)
    # (the "robbers" named here are the accused, so a named armed word does not rule it out; fighters do)
    justice = _CROWD_JUSTICE.search(s) if not has_state and not _INSURGENTS.search(s) else None
    if justice and _ACCUSED.search(s):
        # residents catching and beating a man accused of theft: mob justice, whatever he is accused of
        return Typing("Mob violence", justice.group(0), 0.75)
    for sub, pattern, strength in (
        ("Sexual violence", SEXUAL, 0.85),
        ("Abduction/forced disappearance", ABDUCTION, 0.85),
    ):
        found = hit(pattern)
        if found and _CROWD.search(s) and not has_armed and not has_state and not _FIREARMS.search(s):
            return Typing("Mob violence", found, 0.7)  # villagers seizing or abusing a suspected thief
        if found and sub == "Abduction/forced disappearance" and (has_state or has_armed) and (_fought(s) or victim(s, unarmed) == "armed"):
            # police clashing with kidnappers, rebels seizing two policemen, a gang a rival's member: armed on armed
            return Typing("Armed clash", found, 0.75)
        if found and sub == "Abduction/forced disappearance" and (killed or hit(KILLING)) and not has_state:
            # abducted and killed: ACLED codes the killing, an attack (or a clash on armed men)
            break
        if found:
            return Typing(sub, found, strength)
    mob = hit(MOB)
    if mob and has_armed and re.search(r"vigilante", mob, re.I) and _INSURGENTS.search(s):
        mob = None  # a vigilante militiaman hit by insurgents is a side in their war, not a mob
    if mob and not (has_state and hit(CLASH) and not re.search(r"riot|mob|lynch", mob, re.I)):
        roadblock = _ROADBLOCK_RIOT.search(s)
        if roadblock and not killed and not target_is_civilian and not _VICTIM.search(s) and not hit(CLASH):
            # burning tyres and barricades with nobody singled out: a demonstration turned violent
            return Typing("Violent demonstration", roadblock.group(0), 0.75)
        return Typing("Mob violence", mob, 0.75)
    regain = hit(REGAIN)
    if regain and has_state:
        return Typing("Government regains territory", regain, 0.75)
    overtake = hit(OVERTAKE)
    if overtake and has_armed:
        return Typing("Non-state actor overtakes territory", overtake, 0.7)
    clash = hit(CLASH)
    killing = hit(KILLING)
    violence = killing or hit(VIOLENCE)
    if clash and not has_state and not has_armed and not _FIREARMS.search(s):
        # party cadres, relatives, villagers coming to blows: a riot, not a battle
        return Typing("Mob violence", clash, 0.6)
    if clash and has_state and not has_armed and (target_is_civilian or _CROWD.search(s)) and not _GUNFIRE.search(s):
        # merchants, settlers or prisoners fighting police: rioters, not an armed group
        return Typing("Mob violence", clash, 0.6)
    hit_whom = victim(s, unarmed) if (clash or violence) else None
    if clash and hit_whom == "civilian" and not _GROUND_FIGHTING.search(s) and not re.search(r"exchang|gun ?battle|fire ?fight|encounter|shoot-?out", s, re.I):
        # "ambushed and shot a worker", "stormed a village and killed two men": one side only fired
        return Typing("Attack", clash, 0.7)
    if clash and not (target_is_civilian and not has_state and not has_armed):
        return Typing("Armed clash", clash, 0.8)
    if violence:
        # Words like "attacks" or "dead" alone are weak: often commentary, not a report.
        strong = bool(killing or killed)
        if hit_whom == "armed" and (has_state or has_armed or _FIREARMS.search(s)):
            # gunmen shooting a soldier, a rival gang's member, a militia commander: armed on armed
            return Typing("Armed clash", violence, 0.6 if strong else 0.5)
        if hit_whom == "civilian" or target_is_civilian or strong:
            crowd = _CROWD.search(s)
            if crowd and not has_armed and not has_state and not _FIREARMS.search(s):
                # residents beating a suspected thief, relatives assaulting a nurse: a mob, not an armed group
                return Typing("Mob violence", crowd.group(0), 0.7 if strong else 0.6)
        if hit_whom == "civilian":
            return Typing("Attack", violence, 0.7 if strong else 0.6)
        if has_state and has_armed and not target_is_civilian:
            return Typing("Armed clash", violence, 0.55 if strong else 0.45)
        if target_is_civilian or strong:
            return Typing("Attack", violence, (0.7 if target_is_civilian else 0.55) if strong else 0.45)
        if has_armed or has_state:
            # an armed actor attacked someone the text does not say was a civilian
            return Typing("Armed clash", violence, 0.45)
    if violence and _CROWD.search(s) and not has_armed and not has_state and not _FIREARMS.search(s) and re.search(r"beat|assault|attack|stone|lynch|injur|tied up", violence, re.I):
        return Typing("Mob violence", violence, 0.55)
    for sub, pattern, strength in (
        ("Disrupted weapons use", WEAPONS, 0.7),
        ("Looting/property destruction", LOOTING, 0.65),
        ("Arrests", ARRESTS, 0.7),
        ("Agreement", AGREEMENT, 0.6),
        ("Headquarters or base established", HQ, 0.6),
        ("Change to group/activity", CHANGE, 0.5),
        ("Non-violent transfer of territory", TRANSFER, 0.5),
    ):
        found = hit(pattern)
        if found and sub in _BETWEEN_PARTIES and not _between_parties(found, has_state=has_state, has_armed=has_armed):
            continue  # "Tesco confirmed negotiations with buyers", "the street will be renamed": no party to a conflict
        if found and not (sub == "Arrests" and not _arrest_done(s)):
            return Typing(sub, found, strength)
    if clash:
        return Typing("Armed clash", clash, 0.5)
    weak = hit(PROTEST_WEAK)
    if weak:
        if hit(INTERVENTION) and has_state:
            return Typing("Protest with intervention", weak, 0.5)
        return Typing("Peaceful protest", weak, 0.5)
    return None

"""Words the relevance gate looks for. Data only: the logic is in relevance.py.

STRONG words rarely appear in news that is not about violence (a bombing, gunmen, a
kidnapping); WEAK words do ("attack" in sport, "fire" in business, "dead" in obituaries) and
count only together with a casualty word. Stems are regular-expression fragments matched at a
word start, case-insensitively; keep them in step with eventwire.events.lexicon.TRIGGERS,
which the gate's tests check against.
"""

STRONG = (
    r"bomb", r"blast", r"explo(?:de|ded|des|ding|sion|sions|sive|sives)", r"detonat", r"ieds?\b",
    r"grenade", r"landmine", r"mines?\s+(?:blast|explo)", r"air\s?strike", r"drone\s+strike",
    r"air\s+raid", r"shell(?:ed|ing)", r"mortars?\b", r"rocket", r"missile", r"artillery",
    r"gunm[ae]n\b", r"gunfire", r"gunshot", r"gun(?:ned)?\s+down", r"shot\s+dead",
    r"open(?:ed|s)?\s+fire", r"ambush", r"assassinat", r"massacr", r"kidnap", r"abduct",
    r"hostages?\b", r"hijack", r"arson", r"set\s+(?:on\s+)?(?:fire|ablaze)", r"torch(?:ed|ing)\b",
    r"firebomb", r"militan", r"insurg", r"jihad", r"rebels?\b", r"guerrill", r"terroris",
    r"killed\b", r"killings?\b", r"murder", r"behead", r"decapitat", r"lynch", r"slain\b",
    r"slaughter", r"riot", r"clash(?:ed|es)\b", r"firefight", r"skirmish", r"armed\s+strike",
    r"paro\s+armado", r"work\s+stoppage", r"robber", r"robbed\b", r"loot(?:ed|ing|ers?)\b",
    r"stabb", r"wounded\b", r"bandits?\b", r"gang\s?(?:s|sters?)?\b", r"cartel", r"militia",
    r"tear\s?gas", r"sabotag", r"siege", r"besieged", r"executed\b", r"martyr", r"raid(?:ed|s)?\b",
)
WEAK = (
    r"attack", r"shoot", r"shot\b", r"fire[ds]?\b", r"kill", r"storm(?:ed|ing)\b", r"violen",
    r"fight", r"battle", r"assault", r"burn", r"steal", r"stole", r"unrest", r"mobs?\b",
    r"weapon", r"armed\b", r"gun", r"knife", r"machete", r"seized?\b", r"captur", r"blew\s+up",
    r"hold\s?up", r"soldiers?\b", r"troops?\b", r"police", r"army\b", r"security\s+forces",
)
CASUALTY = (
    r"dead\b", r"died\b", r"dies\b", r"deaths?\b", r"killed\b", r"kill(?:s|ing)?\b", r"injur",
    r"wound", r"hurt\b", r"casualt", r"toll\b", r"bodies\b", r"body\b", r"fatalit", r"victims?\b",
    r"hospital",
)

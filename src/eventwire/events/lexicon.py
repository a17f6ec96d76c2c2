"""Word lists the event extractor matches on. Data only: no logic lives here.

Trigger entries map a lemma (or a two-word lemma sequence) to an ontology subtype and a
strength: 1.0 for words that name a violent incident on their own ("bombing", "kidnapped"),
lower for words that need support from the context ("killed", "fire", "violence").
"""

from __future__ import annotations

# lemma -> (subtype, strength); verbs and nouns share the table, POS is checked by the matcher
TRIGGERS: dict[str, tuple[str, float]] = {
    # explosions
    "bomb": ("bombing", 0.9),
    "bombing": ("bombing", 1.0),
    "explosion": ("bombing", 0.8),
    "explode": ("bombing", 0.85),
    "blast": ("bombing", 0.85),
    "detonate": ("bombing", 0.9),
    "detonation": ("bombing", 0.85),
    "ied": ("bombing", 0.95),
    "car bomb": ("bombing", 1.0),
    "car-bomb": ("bombing", 1.0),
    "dynamite": ("bombing", 0.7),
    "explosive": ("bombing", 0.6),
    "blow up": ("bombing", 0.9),
    "suicide bomber": ("suicide_bombing", 1.0),
    "suicide bombing": ("suicide_bombing", 1.0),
    "suicide attack": ("suicide_bombing", 1.0),
    "suicide blast": ("suicide_bombing", 1.0),
    "grenade": ("grenade", 0.85),
    "landmine": ("landmine", 0.85),
    "airstrike": ("airstrike", 1.0),
    "air strike": ("airstrike", 1.0),
    "drone strike": ("airstrike", 1.0),
    "air raid": ("airstrike", 1.0),
    "shelling": ("shelling", 0.95),
    "shell": ("shelling", 0.6),
    "mortar": ("shelling", 0.7),
    "rocket attack": ("shelling", 1.0),
    "missile strike": ("shelling", 1.0),
    "artillery": ("shelling", 0.6),
    # attacks
    "attack": ("armed_attack", 0.85),
    "shoot": ("armed_attack", 0.8),
    "shooting": ("armed_attack", 0.9),
    "gun down": ("armed_attack", 1.0),
    "shot dead": ("armed_attack", 1.0),
    "shoot dead": ("armed_attack", 1.0),
    "hacked to death": ("armed_attack", 1.0),
    "beaten to death": ("armed_attack", 0.9),
    "stabbed to death": ("armed_attack", 1.0),
    "burned alive": ("armed_attack", 1.0),
    "open fire": ("armed_attack", 0.95),
    "gunfire": ("armed_attack", 0.7),
    "machinegun fire": ("armed_attack", 0.8),
    "machine-gun fire": ("armed_attack", 0.8),
    "submachinegun fire": ("armed_attack", 0.8),
    "submachine-gun fire": ("armed_attack", 0.8),
    "rifle fire": ("armed_attack", 0.8),
    "gunman": ("armed_attack", 0.6),
    "ambush": ("armed_attack", 0.95),
    "storm": ("armed_attack", 0.6),
    "raid": ("armed_attack", 0.6),
    "assault": ("armed_attack", 0.6),
    "stab": ("armed_attack", 0.8),
    "stabbing": ("armed_attack", 0.85),
    "murder": ("armed_attack", 0.8),
    "kill": ("armed_attack", 0.55),
    "killing": ("armed_attack", 0.6),
    "slay": ("armed_attack", 0.8),
    "behead": ("armed_attack", 0.9),
    "execute": ("armed_attack", 0.5),
    "lynch": ("mob_violence", 0.9),
    "assassinate": ("assassination", 1.0),
    "assassination": ("assassination", 1.0),
    "massacre": ("massacre", 1.0),
    "clash": ("armed_clash", 0.8),
    "firefight": ("armed_clash", 0.95),
    "skirmish": ("armed_clash", 0.9),
    "fighting": ("armed_clash", 0.6),
    "battle": ("armed_clash", 0.5),
    # abductions
    "kidnap": ("kidnapping", 1.0),
    "kidnapping": ("kidnapping", 1.0),
    "abduct": ("kidnapping", 1.0),
    "abduction": ("kidnapping", 1.0),
    "hostage": ("hostage_taking", 0.8),
    "hijack": ("hijacking", 1.0),
    "hijacking": ("hijacking", 1.0),
    # arson and sabotage
    "arson": ("arson", 1.0),
    "torch": ("arson", 0.8),
    "set fire": ("arson", 0.95),
    "set ablaze": ("arson", 0.95),
    "set on fire": ("arson", 0.95),
    "firebomb": ("arson", 0.95),
    "burn": ("arson", 0.55),
    "sabotage": ("sabotage", 0.8),
    # robbery
    "rob": ("armed_robbery", 0.85),
    "robbery": ("armed_robbery", 0.9),
    "loot": ("armed_robbery", 0.7),
    "steal": ("armed_robbery", 0.5),
    "hold up": ("armed_robbery", 0.7),
    "holdup": ("armed_robbery", 0.8),
    # riots and protests
    "riot": ("violent_demonstration", 0.9),
    "rioting": ("violent_demonstration", 0.9),
    "mob": ("mob_violence", 0.6),
    "unrest": ("violent_demonstration", 0.4),
    "tear gas": ("protest_with_intervention", 0.7),
    # coercion
    "armed strike": ("forced_work_stoppage", 1.0),
    "work stoppage": ("forced_work_stoppage", 0.8),
    "paro armado": ("forced_work_stoppage", 1.0),
}

# Words that on their own only support a nearby trigger (a death, an injury): they never start
# an event but add casualties to the one they sit next to.
KILL_WORDS = frozenset(
    "kill killed killing die died dead death deaths toll lives life slay slain murder murdered "
    "massacre massacred execute executed behead beheaded body bodies fatality fatalities perish "
    "perished martyr martyred".split()
)
WOUND_WORDS = frozenset(
    "wound wounded injure injured injury injuries hurt maim maimed hospitalise hospitalize "
    "hospitalised hospitalized casualty casualties".split()
)
KIDNAP_VICTIM_VERBS = frozenset("kidnap abduct seize hold take capture".split())
# "held by the rebels", "in the hands of his kidnappers": who holds people captive
CAPTOR_HEADS = frozenset(
    """kidnapper kidnappers abductor abductors captor captors hostage-taker hostage-takers rebel rebels
    guerrilla guerrillas insurgent insurgents militant militants gunman gunmen terrorist terrorists
    subversives extraditables bandit bandits pirate pirates jihadist jihadists trafficker traffickers
    narcotrafficker narcotraffickers""".split()
)
# Nouns for members of an armed group: "guerrillas attacked" in an article that names one
# armed group says whose guerrillas they were.
MILITANT_NOUNS = frozenset({
    "guerrilla", "guerrillas", "terrorist", "terrorists", "rebel", "rebels", "insurgent",
    "insurgents", "militant", "militants", "commando", "commandos", "subversive", "subversives",
    "extremist", "extremists", "jihadist", "jihadists", "separatist", "separatists", "fighters"})
# What a report calls the unnamed people who carried an incident out: "guerrillas", "the
# rebels", "a group of armed men", "the attackers" in one report are nearly always the same
# people described twice (MUC-4 keys list them as one perpetrator with several mentions).
UNNAMED_PERPETRATOR_NOUNS = MILITANT_NOUNS | frozenset({
    "commandoes", "men", "individuals", "persons", "people", "gunmen", "attackers", "assailants",
    "criminals", "murderers", "kidnappers", "assassins"})
CAPTIVE_WORDS = frozenset("captive captives hostage hostages".split())

# a count given as a noun: "[dozens] of villagers", "[a large number] of youths", "[scores] of students"
COUNT_NOUNS = frozenset("dozen dozens score scores hundred hundreds thousand thousands tens number numbers handful couple".split())

# the small words inside a Spanish, Portuguese, Dutch or German name ("Rivera y Damas")
NAME_JOINERS = frozenset("de del la y van von da dos".split())

# Heads of noun phrases that denote people (victims, casualties)
PERSON_NOUNS = frozenset(
    """people person persons civilian civilians soldier soldiers troops trooper troopers policeman policemen
    policewoman officer officers police guard guards worker workers student students child children
    boy boys girl girls man men woman women villager villagers peasant peasants farmer farmers
    resident residents passenger passengers pilgrim pilgrims worshipper worshippers worshiper worshipers
    shopper shoppers customer customers member members militant militants fighter fighters rebel rebels
    insurgent insurgents guerrilla guerrillas subversive subversives prisoner prisoners inmate inmates detainee detainees
    official officials leader leaders mayor judge judges journalist journalists reporter reporters
    teacher teachers doctor doctors nurse nurses priest priests nun nuns tourist tourists
    foreigner foreigners employee employees staff staffer staffers engineer engineers protester
    protesters demonstrator demonstrators bystander bystanders pedestrian pedestrians driver drivers
    businessman businessmen trader traders family families relative relatives militiaman militiamen
    recruit recruits cadet cadets commander commanders candidate candidates politician politicians
    legislator legislators councillor councilor activist activists agent agents personnel
    patrolman patrolmen sergeant lieutenant captain colonel general minister diplomat diplomats
    ambassador governor senator congressman deputy deputies chief lawyer lawyers cleric clerics
    imam imams monk monks missionary missionaries volunteer volunteers others victim victims
    hostage hostages individual individuals youth youths teenager teenagers infant infants baby babies
    mourner mourners guest guests fisherman fishermen herder herders miner miners gendarme gendarmes
    bodyguard bodyguards escort escorts paramedic paramedics medic medics rescuer rescuers
    son sons daughter daughters wife wives husband husbands brother brothers sister sisters
    father fathers mother mothers parent parents nephew nephews niece nieces cousin cousins
    guide guides aide aides pastor pastors bishop bishops""".split()
)

# people named only by whom they belong to: "the wife of Colonel X", "X's driver", "an adviser
# to President X" -- X is not who was hit, and "the wife of a senator" names who was
KIN_NOUNS = frozenset(
    """wife husband son daughter brother sister father mother nephew niece cousin uncle aunt relative
    relatives widow grandson granddaughter brother-in-law sister-in-law son-in-law daughter-in-law
    father-in-law mother-in-law adviser advisor aide aides bodyguard bodyguards driver chauffeur
    secretary assistant escort escorts employee employees""".split())

# Heads of noun phrases that denote physical targets (facilities, vehicles, infrastructure)
FACILITY_NOUNS = frozenset(
    """base bases camp camps checkpoint checkpoints post posts outpost outposts barracks garrison
    station stations embassy embassies consulate church churches mosque mosques temple temples
    synagogue shrine market markets marketplace bazaar school schools university college hospital
    clinic hotel hotels restaurant restaurants cafe bar nightclub club shop shops store stores mall
    bank banks office offices headquarters building buildings house houses home homes residence
    residences compound village villages farm farms plantation ranch bus buses car cars vehicle
    vehicles truck trucks tanker convoy convoys train trains plane aircraft helicopter ship boat vessel
    bridge bridges road highway pipeline pipelines tower towers pylon pylons substation plant
    refinery factory warehouse courthouse court prison jail penitentiary parliament ministry palace
    airport port harbour harbor stadium square park polling facility facilities installation
    installations dam mine well wells antenna transmitter power line lines network facilities
    premises patrol vehicle jeep minibus taxi motorcycle kiosk booth hall gate gates wall
    hospitals clinics cathedral monastery institute institutes corporation
    dealership dealerships drugstore drugstores pharmacy transformer transformers pole poles
    airstrip mansion mansions printshop""".split()
)

# roads and squares after a preposition say where an incident happened ("on a highway", "in the
# main square"); they are targets only when acted on ("blew up the road")
WAY_NOUNS = frozenset("road roads highway highways street streets avenue boulevard route motorway square".split())

WEAPON_NOUNS = frozenset(
    """bomb bombs car-bomb explosive explosives ied ieds device devices dynamite tnt grenade grenades
    rifle rifles gun guns pistol pistols revolver revolvers firearm firearms ak-47 ak-47s kalashnikov
    kalashnikovs machine-gun machinegun machineguns submachine mortar mortars rocket rockets missile
    missiles launcher launchers rpg rpgs landmine landmines mine mines knife knives machete machetes
    axe axes sword swords vest vests drone drones shell shells artillery molotov cocktail cocktails
    petrol gasoline incendiary bullets bullet shotgun shotguns carbine carbines m-16 m-16s uzi
    weapon weapons arms projectile projectiles stick sticks""".split()
)
WEAPON_PHRASES = (
    "car bomb", "truck bomb", "suicide vest", "explosive device", "improvised explosive device",
    "machine gun", "machine guns", "rocket-propelled grenade", "rocket-propelled grenades",
    "petrol bomb", "petrol bombs", "molotov cocktail", "molotov cocktails", "hand grenade",
    "hand grenades", "assault rifle", "assault rifles", "high-powered rifles", "automatic rifles",
    "firearms", "explosive charge", "dynamite charge", "dynamite charges", "mortar shells",
)

# Security forces as victims or targets: an attack on them alone is a clash between armed
# parties (ACLED "Battles"), not violence against civilians (and not a MUC-4 terrorist incident).
# Head nouns that always name armed forces, and heads that do when a force word modifies them.
SECURITY_FORCE_HEADS = frozenset(
    """soldier soldiers troops trooper troopers policeman policemen patrol patrols garrison garrisons
    brigade brigades battalion battalions detachment detachments barracks guardsmen infantry
    paratroopers marines commandos""".split()
)
SECURITY_FORCE_WORDS = frozenset(
    "military army police treasury brigade battalion infantry naval navy barracks national-guard".split()
)
# armed groups on the receiving end of an attack ("troops attacked the rebels", "fire on FMLN columns")
ARMED_GROUP_HEADS = frozenset(
    """rebel rebels guerrilla guerrillas insurgent insurgents militants fighters column columns
    positions subversives""".split()
)
SECURITY_MODIFIED_HEADS = frozenset(
    """base bases post posts headquarters unit units officer officers member members agent agents
    convoy convoys checkpoint checkpoints station stations vehicle vehicles truck trucks""".split()
)
# what a threat of violence threatens to do: "threatened to kill the judge"
THREATENED_HARM = frozenset("kill murder assassinate execute attack bomb kidnap abduct blow destroy burn shoot".split())
# modal auxiliaries: "would attack", "could kill" say what may happen, not what did
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'ll", "wo", "ca"})
# Cues that a trigger is not a real, specific incident
IRREALIS_HEADS = frozenset(
    "prevent avoid thwart foil plan plot threaten warn fear risk could would might may should must "
    "will shall can intend aim seek want try attempt vow pledge call urge condemn ban".split()
)
# nouns an incident word modifies without naming an incident: "kidnapping ring", "bomb squad",
# "grenade launchers", "murder case", "detonating plugs"
NOT_AN_INCIDENT_HEADS = frozenset(
    """ring rings gang gangs band bands squad squads expert experts technician technicians launcher
    launchers plug plugs cord cords fuse fuses material materials factory factories workshop
    workshops threat threats hoax hoaxes industry business network networks cell cells record
    records rate rates detector detectors case cases trial trials suspect suspects""".split()
)
# words whose preposition names a crime someone answers for, not an incident: "doing time for
# kidnapping", "sentenced for double murder", "convicted of kidnapping and murder", "charged
# with murder" (each word with the prepositions that name the crime after it)
CHARGE_HEADS: dict[str, frozenset[str]] = {
    **dict.fromkeys("sentence jail imprison arrest detain time serve wanted try prosecute".split(), frozenset({"for"})),
    **dict.fromkeys("convict indict".split(), frozenset({"for", "of", "with"})),
    **dict.fromkeys("accuse guilty acquit conviction".split(), frozenset({"of"})),
    "charge": frozenset({"with"}),
}
# verbs whose object is a weapon held, not used: "police seized 6 grenades and dynamite",
# "the rebels stole 8 rifles"
WEAPON_HELD_VERBS = frozenset(
    "seize confiscate capture find discover recover possess carry store stockpile hide "
    "smuggle transport sell buy supply deliver uncover steal loot".split()
)
GENERIC_DETERMINERS = frozenset("any such every no all many some more most these those".split())

# Sentences in sports or business reports use violent words as metaphors
METAPHOR_CONTEXT = frozenset(
    """match matches goal goals striker strikers midfielder midfielders defender defenders goalkeeper
    keeper league season coach tournament championship semifinal semi-final final score scored scoring
    penalty football soccer basketball cricket rugby tennis innings wicket playoff playoffs derby
    shareholders shares stock stocks investors earnings profit revenue inflation album
    film movie song player players referee kick-off halftime half-time equaliser equalizer winger header substitute net minute
    game fans stadium""".split()
)
# Deaths from accidents and disasters are not political violence
ACCIDENT_CONTEXT = frozenset(
    """accident accidents crash crashed collided collision overturned plunged plunge earthquake quake
    tremor flood floods flooding landslide landslides mudslide storm cyclone hurricane typhoon
    lightning stampede boiler leak leaking short-circuit drowned capsized derailed derailment
    heatwave avalanche disaster cylinder tanker monsoon fireworks outbreak epidemic""".split()
)
# Training, drills and ceremonies use weapons without attacking anyone
EXERCISE_CONTEXT = frozenset(
    "exercise exercises drill drills live-fire training rehearsal simulation parade salute demonstration".split()
)
VIOLENT_CONTEXT = frozenset(
    """bomb bomber bombers bombing militant militants gunman gunmen attacker attackers assailant
    assailants ied insurgent insurgents rebel rebels terrorist terrorists suicide explosive
    jihadist jihadists guerrilla guerrillas kidnappers""".split()
)

CLAIM_PHRASES = ("claimed responsibility", "claim responsibility", "claims responsibility",
                 "claiming responsibility", "claimed the attack", "claimed the bombing",
                 "claimed credit", "took responsibility", "said it carried out", "said they carried out")

REPORT_VERBS = frozenset(
    "say tell report announce confirm state add note explain stress warn declare claim".split()
)
REPORT_NOUNS = frozenset("statement communique communiqué report announcement spokesman spokeswoman spokesperson".split())

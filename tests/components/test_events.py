"""The event coder's engine rules, each on French sentences written for the purpose.

Each row: the mechanism it exercises, a text (published 2023-03-15 unless said), and what the
coded event must be: type, an actor code, a recipient code (None: not checked), and status.
"""

from __future__ import annotations

import pytest

ROWS = [
    # passive voice: the "par" phrase is the actor, the subject the recipient
    ("passive", "Le ministre nigérien a été reçu par le président algérien.",
     "CONSULT", "NER", "DZA", "actual"),
    ("passive", "Deux journalistes ont été arrêtés par la police togolaise.",
     "COERCE", "TGO", None, "actual"),
    # coordinated verbs share their subject, whatever their voice
    ("coordination", "Le ministre turc a visité une base militaire et a été reçu par le "
     "président nigérien.", "CONSULT", "TUR", "NER", "actual"),
    ("coordination", "Le président ghanéen a salué la transition et a rencontré le chef de la "
     "junte guinéenne.", "CONSULT", "GHA", None, "actual"),
    # relative clauses: "qui" is the noun the clause modifies
    ("relative", "Le Premier ministre malien, qui a critiqué la France, est rentré à Bamako.",
     "ACCUSE", "MLI", "FRA", "actual"),
    ("relative", "La CEDEAO, qui a suspendu la Guinée, se réunit à Abuja.",
     "SANCTION", "IGO", "GIN", "actual"),
    # pronouns refer back to the last subject
    ("pronoun", "Le président sénégalais est arrivé à Paris. Il a rencontré le président "
     "français.", "CONSULT", "SEN", None, "actual"),
    ("pronoun", "Les autorités burkinabè ont convoqué la presse. Elles ont dénoncé l'attaque "
     "de Djibo.", "ACCUSE", "BFA", None, "actual"),
    # object pronouns: the previous subject, or else the last party that is not the subject
    ("object pronoun", "Le Rwanda soutient le M23. Kinshasa l'accuse d'ingérence.",
     "ACCUSE", "COD", "RWA", "actual"),
    ("object pronoun", "Le journaliste français Olivier Dubois est arrivé à Gao. Les "
     "jihadistes l'ont enlevé le lendemain.", "ASSAULT", None, "FRA", "actual"),
    ("object pronoun", "La police kényane poursuit les shebabs dans le nord du pays. Elle les "
     "accuse d'avoir enlevé des enseignants.", "ACCUSE", "KEN", "IMG", "actual"),
    # subject pronouns carry their antecedent on ("a-t-il ajouté"), "il" is not "des ONG"
    ("object pronoun", "Le président guinéen a été renversé en 2021. « Je reviendrai », "
     "avait-il déclaré. Son départ a été salué par des opposants. « Je suis innocent », "
     "a-t-il ajouté. Les autorités sénégalaises l'ont arrêté hier.",
     "COERCE", "SEN", "GIN", "actual"),
    # "son pays": the possessor's country
    ("possessive", "Le ministre russe a promis l'aide de son pays au Mali.",
     "AGREE", "RUS", "MLI", "actual"),
    ("possessive", "Le président turc a promis au Niger le soutien de son pays.",
     "AGREE", "TUR", "NER", "actual"),
    # capitals and seats of power stand for governments
    ("metonymy", "Moscou livre des hélicoptères au Mali.", "AID", "RUS", "MLI", "actual"),
    ("metonymy", "Washington a sanctionné trois responsables soudanais.",
     "SANCTION", "USA", "SDN", "actual"),
    ("metonymy", "Le Burkina Faso accuse Paris d'ingérence.", "ACCUSE", "BFA", "FRA", "actual"),
    # the tagger's misread verbs: present forms read as nouns, participles as nouns
    ("misread verb", "Le ministre malien critique la France.", "ACCUSE", "MLI", "FRA", "actual"),
    ("misread verb", "Le président américain a téléphoné à son homologue kényan.",
     "CONSULT", "USA", "KEN", "actual"),
    ("misread verb", "Pékin livre des blindés au Niger.", "AID", "CHN", "NER", "actual"),
    ("misread verb", "La CPI enquête sur des crimes commis au Mali.", "ACCUSE", "IGO", None,
     "actual"),
    ("misread verb", "La Cour pénale internationale (CPI) enquête sur des crimes commis au Mali.",
     "ACCUSE", "IGO", None, "actual"),
    ("verb missing an accent", "L'ONU a reprouvé l'attaque du convoi près de Djibo, au "
     "Burkina Faso.", "ACCUSE", "IGO", None, "actual"),
    # gunmen of no country attacking a town: the attack is on that town's country
    ("town attacked", "Des hommes armés ont attaqué Djibo.", "ASSAULT", None, "BFA", "actual"),
    # what a statement or a rally is held for is said by holding it
    ("said on an occasion", "Le parti a fait une déclaration mercredi pour exprimer sa "
     "solidarité au président burkinabè.", "SUPPORT", None, "BFA", "actual"),
    ("said on an occasion", "Le collectif malien a tenu une conférence de presse pour exiger "
     "le départ des soldats français.", "REQUEST", "MLI", "FRA", "actual"),
    # a present conditional reported in the past is the future of that report
    ("future in the past", "Le Niger a annoncé que ses troupes quitteraient la zone des trois "
     "frontières.", "CONCEDE", "NER", None, "future"),
    ("future in the past", "Le Soudan et Israël ont indiqué que leurs délégations se "
     "rencontreraient à Khartoum.", "AGREE", "SDN", None, "future"),
    ("past conditional alleges", "Le ministre malien a déclaré que l'armée aurait tué des "
     "civils à Moura.", "ASSAULT", "MLI", "MLI", "claimed"),
    # the first, last or only one to do something did it
    ("first to do", "Le Tchad a été le premier à envoyer des troupes au Mali.", "MOBILIZE",
     "TCD", None, "actual"),
    ("first to do", "Le Maroc a été le seul pays africain à boycotter le sommet de l'Union "
     "africaine.", "PROTEST", "MAR", "IGO", "actual"),
    # a stance on an event is two events: the judgement and the event judged
    ("stance on an event", "Le gouvernement nigérien a condamné l'attaque de la caserne de "
     "Tillia par des jihadistes.", "ASSAULT", None, "NER", "actual"),
    ("stance on an event", "La CEDEAO a dénoncé l'enlèvement de trois enseignants maliens.",
     "ASSAULT", None, "MLI", "actual"),
    ("accent-free text", "La CEDEAO a condamne le coup d'Etat et a suspendu le "
     "Niger.", "SANCTION", "IGO", "NER", "actual"),
    ("misread verb after a clitic", "L'armée nigérienne opère dans la région de Tillabéri où "
     "elle pourchasse les combattants de l'EIGS.", "ASSAULT", "NER", "IMG", "actual"),
    # future cooperation is AGREE (PLOVER); intentions are actual AGREE
    ("future", "Le président ivoirien se rendra à Ouagadougou la semaine prochaine.",
     "AGREE", "CIV", None, "future"),
    ("future", "Le prochain sommet de la CEDEAO se tiendra à Abuja en juillet.",
     "AGREE", "IGO", None, "future"),
    ("intention", "La Turquie entend aider le Niger dans la lutte contre le terrorisme.",
     "AGREE", "TUR", "NER", "actual"),
    ("intention", "La Chine compte aider le Tchad à construire des routes.",
     "AGREE", "CHN", "TCD", "actual"),
    # background: imperfect, pluperfect, "depuis" long ago, old dates
    ("historical", "En 2012, les rebelles touareg attaquaient les garnisons maliennes.",
     "ASSAULT", None, "MLI", "historical"),
    ("historical", "La France livre des armes au Tchad depuis 2015.",
     "AID", "FRA", "TCD", "historical"),
    ("historical", "Le Niger avait rompu ses relations avec la Libye.",
     "SANCTION", "NER", "LBY", "historical"),
    # negation and denial
    ("negation", "Le Mali n'a pas expulsé l'ambassadeur de France.",
     "SANCTION", "MLI", "FRA", "negated"),
    ("negation", "Le gouvernement tchadien n'a jamais négocié avec les rebelles du FACT.",
     "CONSULT", "TCD", None, "negated"),
    # claims: conditional, "présumé", inside a quote
    ("claimed", "L'armée malienne aurait tué des civils près de Mopti.",
     "ASSAULT", "MLI", None, "claimed"),
    ("claimed", "« Nous avons arrêté trois jihadistes », a déclaré le ministre nigérien.",
     "COERCE", None, None, "claimed"),
    # the partitive "des" read as a preposition still introduces the object
    ("partitive object", "Des jihadistes ont massacré des civils au Burkina Faso.",
     "ASSAULT", None, "BFA", "actual"),
    ("partitive object", "Le Tchad dépêche des renforts au Cameroun.", "AID", "TCD", "CMR",
     "actual"),
    # light verbs carry a noun's complements
    ("light verb", "Des jihadistes ont tendu une embuscade à un convoi de l'armée burkinabè.",
     "ASSAULT", None, "BFA", "actual"),
    ("light verb", "L'armée malienne a mené des frappes contre des positions rebelles.",
     "ASSAULT", "MLI", None, "actual"),
    # who a violent noun hit: the clause around it says
    ("target", "Une attaque de jihadistes a visé la gendarmerie de Djibo au Burkina Faso.",
     "ASSAULT", None, "BFA", "actual"),
    ("target", "Le camp militaire de Boulkessi, au Mali, a été la cible d'une attaque.",
     "ASSAULT", None, "MLI", "actual"),
    ("target", "Trois gendarmes béninois sont morts dans une embuscade près de la frontière.",
     "ASSAULT", None, "BEN", "actual"),
    ("target", "La garnison de l'armée malienne a repoussé une offensive jihadiste à l'aube.",
     "ASSAULT", None, "MLI", "actual"),
    ("target", "Deux positions de l'armée nigérienne ont été la cible d'attaques jihadistes.",
     "ASSAULT", None, "NER", "actual"),
    # a passive violent verb takes its attacker from the event noun of its circumstance
    ("circumstance", "Douze civils nigériens ont été tués lors d'une attaque de l'EIGS.",
     "ASSAULT", "IMG", "NER", "actual"),
    ("circumstance", "Des soldats tchadiens ont été blessés dans une embuscade de Boko Haram.",
     "ASSAULT", "IMG", "TCD", "actual"),
    # answering a statement targets its author
    ("statement", "Le président ivoirien a critiqué la junte malienne. Bamako a rejeté ces "
     "propos.", "REJECT", "MLI", "CIV", "actual"),
    ("statement", "Le ministre rwandais a accusé l'armée congolaise. Kinshasa a condamné ces "
     "déclarations.", "ACCUSE", "COD", "RWA", "actual"),
    ("statement", "Le Mali a accusé la France d'ingérence, mais le gouvernement français nie "
     "ces accusations.", "REJECT", "FRA", "MLI", "actual"),
    # a nationality adjective names the actor of an event noun
    ("demonym actor", "L'invasion russe de l'Ukraine a commencé en février 2022.",
     "ASSAULT", "RUS", "UKR", "historical"),
    ("demonym actor", "Les frappes turques contre les positions kurdes se poursuivent en Syrie.",
     "ASSAULT", "TUR", None, "actual"),
    # a fronted place complement is not the subject; "des" read as a preposition
    ("fronted complement", "Au Niger, des jihadistes ont tué six soldats.",
     "ASSAULT", None, "NER", "actual"),
    ("fronted complement", "À Bamako, le ministre russe a rencontré son homologue malien.",
     "CONSULT", "RUS", "MLI", "actual"),
    ("partitive object", "Des hommes armés ont attaqué des gendarmes ivoiriens.",
     "ASSAULT", None, "CIV", "actual"),
    # a possessive inside a clause belongs to the subject above it, not to the last subject
    ("clause possessive", "Le Maroc a protesté. Le Tchad a annoncé que ses soldats ont "
     "attaqué une base de Boko Haram.", "ASSAULT", "TCD", "IMG", "actual"),
    ("clause possessive", "Le Maroc a protesté. La Russie nie que ses troupes ont bombardé "
     "des civils ukrainiens.", "ASSAULT", "RUS", "UKR", "negated"),
    # coordinated nationality adjectives name one party each
    ("coordinated nationalities", "Les présidents ivoirien, ghanéen et togolais ont condamné "
     "le coup d'État.", "ACCUSE", "TGO", None, "actual"),
    ("coordinated nationalities", "Une réunion entre les ministres nigérien et béninois de "
     "l'Intérieur s'est tenue à Cotonou.", "CONSULT", "NER", "BEN", "actual"),
    # nationals with no country said belong to the state acting on them
    ("nationals", "Le Nigeria devrait évacuer 5 000 citoyens bloqués aux frontières.",
     "AGREE", "NGA", "NGA", "future"),
    ("nationals", "Le Sénégal a rapatrié des ressortissants bloqués en Libye.",
     "AID", "SEN", "SEN", "actual"),
    # an unnamed rights group is an NGO
    ("rights group", "La décision a été dénoncée par des organisations de défense des droits "
     "humains.", "ACCUSE", "NGO", None, "actual"),
    # an attack on a thing in a country the story names is coded against that country
    ("target without a party", "Au Niger, des inconnus ont incendié un convoi de camions.",
     "ASSAULT", None, "NER", "actual"),
    # a demand made of whoever its "que" clause names
    ("que clause", "La CEDEAO demande que le Niger libère le président Bazoum.",
     "REQUEST", "IGO", "NER", "actual"),
    ("que clause", "Washington réclame que Kigali retire ses troupes de la RD Congo.",
     "REQUEST", "USA", "RWA", "actual"),
    # a charge with no accuser: the court or prosecutor the story has just named
    ("judicial accuser", "La Cour pénale internationale enquête sur les crimes commis au Mali. "
     "L'ancien chef de milice est accusé de crimes de guerre.", "ACCUSE", "IGO", "MLI",
     "actual"),
    ("judicial accuser", "La justice sénégalaise a ouvert une enquête sur les violences. Deux "
     "militants de l'opposition sont inculpés.", "ACCUSE", "SEN", None, "actual"),
    # the act someone is charged with is a claim, done by the accused
    ("charged act", "L'armée malienne est soupçonnée d'avoir tué des civils près de Mopti.",
     "ASSAULT", "MLI", None, "claimed"),
    ("charged act", "Le Rwanda accuse la RD Congo de bombarder son territoire.",
     "ASSAULT", "COD", None, "claimed"),
    ("charged act", "Le gouvernement malien accuse la France d'avoir armé les rebelles "
     "touareg.", "AID", "FRA", "MLI", "claimed"),
    # force promised or announced is a threat (PLOVER), not an attack nor an agreement
    ("promised force", "Le gouvernement burkinabè a promis de traquer les auteurs de "
     "l'attaque.", "THREATEN", "BFA", None, "actual"),
    ("announced force", "L'armée malienne va attaquer les positions des rebelles à Kidal.",
     "THREATEN", "MLI", None, "future"),
    # the imperfect narrates background, unless it follows a report's tense
    ("imperfect", "L'armée malienne attaquait souvent les positions des rebelles touareg.",
     "ASSAULT", "MLI", None, "historical"),
    ("reported imperfect", "Le porte-parole a déclaré que le gouvernement malien discutait "
     "avec les rebelles touareg.", "CONSULT", "MLI", None, "claimed"),
    # a participle that names who acted tells an event, not a description
    ("participle with its agent", "Des avions de combat envoyés par la Chine ont survolé la "
     "zone de défense de Taïwan.", "MOBILIZE", "CHN", None, "actual"),
    # protests need no named protester: they are the protests of the place's people
    ("unnamed protesters", "Des manifestations ont éclaté à Dakar après le verdict.",
     "PROTEST", "SEN", None, "actual"),
    # a headline's topic label is not an actor
    ("headline topic", "Burkina : le Ghana a livré des vivres à Ouagadougou",
     "AID", "GHA", None, "actual"),
    # the parser hangs "contre" on the place of a nominal event: it is the event's
    ("complement on the place", "L'armée nigériane conduit une opération dans le nord du "
     "Cameroun contre les combattants de Boko Haram.", "ASSAULT", "NGA", "IMG", "actual"),
    ("complement on the place", "Les forces tchadiennes mènent une offensive dans l'est du "
     "Niger contre les bases de Boko Haram.", "ASSAULT", "TCD", None, "actual"),
    # people of no stated nationality are of where the event happened, not of the story
    ("people of the place", "La France a fermé son ambassade. Des centaines de civils ont été "
     "tués dans le nord du Mali.", "ASSAULT", None, "MLI", "actual"),
    ("people of the place", "L'armée rwandaise a attaqué des miliciens dans l'est de la RD "
     "Congo.", "ASSAULT", "RWA", "COD", "actual"),
    # refugees come from the country the story's people fled, not from their host
    ("refugees' origin", "Des milliers de civils ont fui le Soudan. Le Tchad a accueilli des "
     "réfugiés dans ses camps de l'Est.", "AID", "TCD", "SDN", "actual"),
]


@pytest.mark.parametrize(("mechanism", "text", "event", "actor", "recipient", "status"), ROWS,
                         ids=[f"{r[0]}-{i}" for i, r in enumerate(ROWS)])
def test_engine_rule(extract, mechanism, text, event, actor, recipient, status) -> None:  # type: ignore[no-untyped-def]
    result = extract(text)
    found = [e for e in result.events if e.event == event]
    assert found, f"{mechanism}: no {event} in {[(e.event, e.rule) for e in result.events]}"

    def fits(e) -> bool:  # type: ignore[no-untyped-def]
        parties = e.recipient + (e.actor if event == "CONSULT" else [])
        return ((not actor or actor in {a.country for a in e.actor})
                and (not recipient or recipient in {a.country for a in parties})
                and e.status == status)

    assert any(fits(e) for e in found), [e.to_dict() for e in found]


def test_an_unknown_first_person_is_nobody_else_of_the_sentence(extract) -> None:  # type: ignore[no-untyped-def]
    # "je" with no known speaker: the country named before is not who visited.
    result = extract("Je ne savais pas que le Niger avait des problèmes avec la France ; dans "
                     "mon ignorance, j'ai visité l'ambassade française.")
    visits = [e for e in result.events if e.event == "CONSULT"]
    assert all("NER" not in {a.country for a in e.actor} for e in visits), visits


def test_event_with_no_coded_party_is_not_coded(extract) -> None:  # type: ignore[no-untyped-def]
    # Nobody identifiable acts and nobody identifiable is hit: PLOVER codes nothing.
    assert extract("Des inconnus ont attaqué quelqu'un hier soir.", published=None).events == []


# What a "que" clause wants, fears or aims at did not happen: only the demand is an event.
# (text, event types the text must not yield)
UNREAL_CLAUSE_ROWS = [
    ("L'ONU exige que le Mali libère les soldats ivoiriens.", {"RETREAT"}),
    ("Le Niger veut que la France retire ses troupes.", {"RETREAT", "CONCEDE"}),
    ("L'opposition craint que l'armée malienne attaque les manifestants.", {"ASSAULT"}),
    ("Il faut que le Mali signe un accord avec la Mauritanie.", {"SUPPORT", "AGREE"}),
    ("L'Union africaine demande que le Soudan mette un terme aux bombardements.", {"ASSAULT"}),
    ("Le Mali a fermé ses écoles avant que les rebelles attaquent la ville de Kidal.",
     {"ASSAULT"}),
    ("Les chefs coutumiers ont négocié pour que les jihadistes libèrent les otages maliens.",
     {"RETREAT"}),
    ("Le président a tout fait pour que la CEDEAO lève ses sanctions contre le Mali.",
     {"RETREAT"}),
]


# Words that look like events but name none: a danger to rights, advice, an anonymous "je".
NOT_AN_EVENT_ROWS = [
    ("Au Mali, les droits des citoyens sont menacés par la crise.", {"THREATEN"}),
    ("Au Niger, la paix est menacée dans la région de Tillabéri.", {"THREATEN"}),
    ("L'armée nigérienne a averti les soldats de la nécessité d'être vigilants.", {"THREATEN"}),
    ("Dans mon ignorance, j'ai visité l'ambassade américaine à Bamako.", {"CONSULT"}),
    # a participle of stance describes a party, it tells no event
    ("Le candidat soutenu par le parti au pouvoir a remporté l'élection au Ghana.", {"SUPPORT"}),
    ("La radio soutenue émet depuis Goma, dans l'est de la RD Congo.", {"SUPPORT"}),
    # what a text makes speak is no party: a law, "most states"
    ("Au Nigeria, la loi exige l'autorisation du Parlement pour tout déploiement.", {"REQUEST"}),
    ("La plupart des États reconnaissent le gouvernement chinois.", {"SUPPORT"}),
    # a toll of no one's attack
    ("Aux États-Unis, la violence armée a tué près de 20 000 Américains l'an dernier.",
     {"ASSAULT"}),
    ("Au Niger, le choléra a tué dix personnes à Maradi.", {"ASSAULT"}),
    ("Le volcan est entré en éruption en 2002 près de Goma, tuant 250 personnes.", {"ASSAULT"}),
    ("Au Niger, des milliers d'habitants sont menacés par la famine.", {"THREATEN"}),
    ("Au Tchad, vingt enfants ont été tués par la rougeole.", {"ASSAULT"}),
    # candidates who challenge a president compete with him
    ("Au Ghana, douze candidats défient le président sortant lors de l'élection.", {"REJECT"}),
    # what protesters demand is their protest; a deed under "pour" is only an aim; a
    # statement to come is not made yet
    ("Des centaines d'étudiants ont manifesté à Niamey pour réclamer leurs bourses.",
     {"REQUEST"}),
    ("Des jihadistes se sont rendus à Djibo pour attaquer le camp de l'armée burkinabè.",
     {"ASSAULT"}),
    ("Le parti fera une déclaration pour exprimer sa solidarité au président burkinabè.",
     {"SUPPORT"}),
    # talks made conditional on something have not taken place
    ("Les pays arabes ont conditionné les pourparlers de paix avec Israël à son retrait.",
     {"CONSULT"}),
    # a question asserts nothing
    ("Qui a attaqué le camp militaire de Boulkessi, au Mali ?", {"ASSAULT"}),
    ("Le Niger va-t-il expulser l'ambassadeur de France ?", {"SANCTION"}),
]


@pytest.mark.parametrize(("text", "absent"), NOT_AN_EVENT_ROWS)
def test_what_names_no_event_is_not_coded(extract, text, absent) -> None:  # type: ignore[no-untyped-def]
    found = {e.event for e in extract(text).events}
    assert not found & absent, found


@pytest.mark.parametrize(("text", "absent"), UNREAL_CLAUSE_ROWS)
def test_wished_or_purposed_clause_is_not_an_event(extract, text, absent) -> None:  # type: ignore[no-untyped-def]
    assert not {e.event for e in extract(text).events} & absent


def test_facts_in_a_que_clause_stay_events(extract) -> None:  # type: ignore[no-untyped-def]
    # "bien que" concedes a fact; "annoncer que" reports one.
    for text in ("Bien que l'armée malienne ait attaqué le camp, les rebelles résistent.",
                 "Le Tchad a annoncé que ses soldats ont attaqué une base de Boko Haram."):
        assert "ASSAULT" in {e.event for e in extract(text).events}, text


def test_a_promise_of_force_is_no_agreement(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Le gouvernement burkinabè a promis de traquer les auteurs de "
                     "l'attaque.").events
    assert [e.event for e in events] == ["THREATEN"]


def test_purpose_infinitive_is_not_an_event(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Le ministre malien est venu à Dakar pour rencontrer le président "
                     "sénégalais.")
    assert all(e.rule != "verbs.yaml#rencontrer" for e in result.events)


def test_repeated_mentions_merge(extract) -> None:  # type: ignore[no-untyped-def]
    text = ("Le Niger a rompu ses relations avec l'Ukraine. Les autorités nigériennes ont "
            "justifié leur décision. Le Niger a rompu ses relations avec l'Ukraine après des "
            "propos jugés hostiles.")
    sanctions = [e for e in extract(text).events if e.event == "SANCTION"]
    assert len(sanctions) == 1
    assert len(sanctions[0].more_evidence) == 1


def test_a_meeting_told_twice_is_one_meeting(extract) -> None:  # type: ignore[no-untyped-def]
    # The parties are compared whoever is named as host: the second mention names two of three.
    result = extract("Le président américain a téléphoné aux présidents soudanais et israélien. "
                     "Son entretien téléphonique avec les présidents soudanais et israélien a "
                     "duré une heure.")
    meetings = [e for e in result.events if e.event == "CONSULT"]
    assert len(meetings) == 1, [e.to_dict() for e in meetings]
    assert len(meetings[0].more_evidence) == 1


def test_a_victim_and_the_attack_of_one_sentence_are_one_event(extract) -> None:  # type: ignore[no-untyped-def]
    # One mention says who was hit, the other how: one attack, with the weapon's mode.
    result = extract("Une lycéenne américaine a été tuée lors de la fusillade du lycée de "
                     "Parkland, en Floride, en 2018.")
    attacks = [e for e in result.events if e.event == "ASSAULT"]
    assert len(attacks) == 1, [e.to_dict() for e in attacks]
    assert attacks[0].mode == "firearms"
    assert attacks[0].cameo == "193"  # CAMEO of the mode the merged mention brought
    assert attacks[0].place.name == "Parkland"  # the finer place of the two mentions


def test_title_event_joins_the_body_event(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Le Tchad a expulsé l'ambassadeur d'Allemagne, accusé d'ingérence.",
                     title="Le Tchad expulse l'ambassadeur allemand")
    expels = [e for e in result.events if e.event == "SANCTION"]
    assert len(expels) == 1
    assert expels[0].is_lead


def test_merged_mentions_keep_the_finest_place_and_the_stated_date(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Des jihadistes ont attaqué lundi un poste de l'armée à Djibo.",
                     title="Attaque contre l'armée au Burkina Faso")
    [attack] = [e for e in result.events if e.event == "ASSAULT"]
    assert attack.more_evidence
    assert (attack.place.name, attack.date, attack.date_source) == ("Djibo", "2023-03-13", "text")


def test_event_dates_come_from_their_clause(extract) -> None:  # type: ignore[no-untyped-def]
    result = extract("Le président sénégalais a reçu hier le ministre français des Armées. "
                     "En 2019, le Sénégal avait expulsé un diplomate iranien.",
                     published="2023-03-15")
    by_type = {e.event: e for e in result.events}
    assert by_type["CONSULT"].date == "2023-03-14"
    assert by_type["SANCTION"].date == "2019"
    assert by_type["SANCTION"].status == "historical"


def test_a_sentence_without_verb_is_one_clause(extract) -> None:  # type: ignore[no-untyped-def]
    # No verb governs the date: it is the nominal event's, as in a clause of its own.
    result = extract("Un deuil national est décrété. Cela en raison de l'attaque des jihadistes "
                     "contre l'armée burkinabè dans le Seno (région du Sahel), dans la nuit du 11 "
                     "au 12 mars.", published="2023-03-15")
    [attack] = [e for e in result.events if e.event == "ASSAULT"]
    assert (attack.date, attack.date_source) == ("2023-03-11", "text")


# Who is not the author of the attack a sentence names: (text, a party that is not its actor)
NOT_THE_ATTACKER_ROWS = [
    # the installation of "l'attaque de la caserne" was hit, though it bears arms
    ("L'attaque de la caserne de Tillia, au Niger, a fait dix morts.", "la caserne de Tillia"),
    ("L'embuscade du convoi militaire a fait dix morts près de Djibo.", "convoi militaire"),
    # whoever condemns an attack did not make it
    ("Le Niger a condamné l'attaque de la caserne de Tillia.", "Le Niger"),
    ("L'attaque contre la gendarmerie de Dori a été condamnée par le Togo.", "le Togo"),
    # nor does whoever warns against it, or speaks of it
    ("Le président américain a mis en garde la Chine contre l'invasion de Taïwan.",
     "Le président américain"),
    ("Le ministre japonais a fait référence aux incursions chinoises près de Taïwan.",
     "Le ministre japonais"),
]


@pytest.mark.parametrize(("text", "not_actor"), NOT_THE_ATTACKER_ROWS)
def test_who_did_not_make_the_attack(extract, text, not_actor) -> None:  # type: ignore[no-untyped-def]
    attacks = [e for e in extract(text, published="2023-03-15").events if e.event == "ASSAULT"]
    assert attacks, text
    assert all(not_actor not in a.name for e in attacks for a in e.actor), \
        [e.to_dict()["actor"] for e in attacks]


def test_a_participle_of_another_gender_describes_another_noun(extract) -> None:  # type: ignore[no-untyped-def]
    # "donné" (masculine) describes "le bilan", not "l'attaque": the government gave the toll.
    result = extract("Le bilan de cette attaque donné par le gouvernement burkinabè fait état "
                     "de dix morts parmi les soldats burkinabè.", published="2023-03-15")
    assert all("le gouvernement burkinabè" not in {a.name for a in e.actor}
               for e in result.events if e.event == "ASSAULT")


def test_coordinated_verbs_keep_their_own_dates(extract) -> None:  # type: ignore[no-untyped-def]
    # The second verb's own date, not the first one's in the clause above it.
    result = extract("Les autorités belges l'ont arrêté en décembre 2018 et l'ont transféré à la "
                     "CPI en janvier 2019.", published="2021-02-16")
    by_type = {e.event: e for e in result.events}
    assert by_type["COERCE"].date == "2018-12"
    assert by_type["COOPERATE"].date == "2019-01"


# Undated news: the passé composé tells of a recent past, so the event takes
# the month of publication (flagged "publication"); other tenses leave the date empty.
# (text published 2023-03-15, event type, expected date, expected date_source)
UNDATED_ROWS = [
    ("Des hommes armés ont attaqué le poste de police de Djibo.",
     "ASSAULT", "2023-03", "publication"),
    ("Deux journalistes ont été arrêtés par la police togolaise.",
     "COERCE", "2023-03", "publication"),
    ("Le Burkina Faso a expulsé deux diplomates français.",
     "SANCTION", "2023-03", "publication"),
    # also on someone's word
    ("Selon l'ONU, la Pologne a accueilli 500 000 réfugiés ukrainiens.",
     "AID", "2023-03", "publication"),
    # the present of news: acts take the month, stances (accusing, denying) stay undated
    ("La Turquie s'engage à former les soldats nigériens.", "AGREE", "2023-03", "publication"),
    ("L'armée tchadienne mène une opération contre Boko Haram.",
     "ASSAULT", "2023-03", "publication"),
    ("Le ministre malien critique la France.", "ACCUSE", None, None),
    ("Le gouvernement burkinabè nie toute implication dans le massacre.", "REJECT", None, None),
    # an event noun as the subject of a passé composé verb is news of that verb
    ("Une attaque de jihadistes a visé la gendarmerie de Dori, au Burkina Faso.",
     "ASSAULT", "2023-03", "publication"),
    ("Des jihadistes avaient attaqué le poste de police de Djibo.", "ASSAULT", None, None),
    ("Le Tchad aurait expulsé l'ambassadeur allemand.", "SANCTION", None, None),
    ("Le président sénégalais a reçu hier le ministre français.",
     "CONSULT", "2023-03-14", "text"),
]


# A yearless date told in the passé composé is the last one before publication (2023-03-15).
# (text, event type, expected date, expected status)
PAST_TENSE_DATE_ROWS = [
    ("Des officiers nigériens ont pris le pouvoir en juillet.", "COERCE", "2022-07",
     "historical"),
    ("Le ministre malien a reçu en décembre l'ambassadeur de Russie.", "CONSULT", "2022-12",
     "historical"),
    ("Le ministre malien a reçu en mars l'ambassadeur de Russie.", "CONSULT", "2023-03",
     "actual"),
    ("Le ministre malien recevra en juillet l'ambassadeur de Russie.", "AGREE", "2023-07",
     "future"),
]


@pytest.mark.parametrize(("text", "event", "date", "status"), PAST_TENSE_DATE_ROWS)
def test_yearless_date_in_the_past_tense(extract, text, event, date, status) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in extract(text).events if e.event == event]
    assert events, text
    assert (events[0].date, events[0].status) == (date, status)


@pytest.mark.parametrize(("text", "event", "date", "source"), UNDATED_ROWS)
def test_undated_news_takes_the_publication_month(  # type: ignore[no-untyped-def]
        extract, text, event, date, source) -> None:
    events = [e for e in extract(text).events if e.event == event]
    assert events, f"no {event} in {text!r}"
    assert (events[0].date, events[0].date_source) == (date, source)


def test_undated_headline_event_takes_the_publication_month(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Des soldats ont été tués près de Dori.",
                     title="Attaque terroriste contre le détachement de Dori").events
    attacks = [e for e in events if e.event == "ASSAULT"]
    assert attacks and all(e.date == "2023-03" for e in attacks), [e.to_dict() for e in events]


def test_undated_news_without_publication_date_stays_undated(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract("Des hommes armés ont attaqué le poste de police de Djibo.",
                     published=None).events
    assert [(e.event, e.date) for e in events] == [("ASSAULT", None)]


def test_support_without_anyone_supported_is_not_coded(extract) -> None:  # type: ignore[no-untyped-def]
    # Praise of a thing with nobody behind it cannot be placed in a dyad.
    result = extract("Le ministre malien a salué la qualité des infrastructures.")
    assert [e for e in result.events if e.event == "SUPPORT"] == []
    result = extract("Le ministre malien a salué le courage de l'armée nigérienne.")
    assert [e.event for e in result.events] == ["SUPPORT"]


# Where an event happened: (mechanism, title, text, event type, expected place name, precision).
PLACE_ROWS = [
    ("the finest level of the clause", None,
     "Au Burkina Faso, dans la région du Sahel, des hommes armés ont attaqué dimanche un poste "
     "de police dans la province du Soum.", "ASSAULT", "Soum", "region"),
    ("apposition hung on the object", None,
     "Inondations à Mopti : des centaines de maisons détruites à Mopti. Le Premier ministre a "
     "réuni une cellule de crise dans la capitale, Bamako.", "CONSULT", "Bamako", "city"),
    ("a border country is next door", None,
     "Des hommes armés ont attaqué la gendarmerie de Faramanaso, localité frontalière du Mali, "
     "dans la province du Houet.", "ASSAULT", "Houet", "region"),
    ("a border country is next door", None,
     "Des jihadistes ont attaqué un poste de police à la frontière avec le Niger, dans la "
     "province de l'Oudalan.", "ASSAULT", "Oudalan", "region"),
    ("the place fled", None, "Des milliers de civils ont fui le Soudan vers le Tchad.",
     "SANCTION", "Soudan", "country"),
    ("a located noun's place", None,
     "L'armée malienne a tiré des roquettes sur l'aéroport de Kidal.", "ASSAULT", "Kidal",
     "city"),
    ("the target's place", None, "Des hommes armés ont attaqué la mairie de Dori.",
     "ASSAULT", "Dori", "city"),
    ("trigger's own complement", None,
     "Au Burkina Faso, des hommes armés ont attaqué le poste de police de Dori mardi.",
     "ASSAULT", "Dori", "city"),
    ("town the NER took for a person", None,
     "Des hommes armés ont attaqué des policiers burkinabè à Dori mardi.",
     "ASSAULT", "Dori", "city"),
    ("locative of the clause", None,
     "Le ministre tchadien a rencontré le président nigérien à Niamey.",
     "CONSULT", "Niamey", "city"),
    ("apposition to a locative", None,
     "Le chef de l'État a rencontré les syndicats dans la capitale, Ouagadougou.",
     "CONSULT", "Ouagadougou", "city"),
    ("story's town", "Inondations à Mopti",
     "Les pluies ont détruit des centaines de maisons à Mopti. Le gouvernement malien a "
     "demandé l'aide de la communauté internationale.",
     "REQUEST", "Mopti", "city"),
    ("country when no town stands out", None,
     "Le gouvernement malien a demandé l'aide de la communauté internationale.",
     "REQUEST", "Mali", "country"),
    ("the town attacked", None, "Des hommes armés ont attaqué Djibo dans la nuit.",
     "ASSAULT", "Djibo", "city"),
    ("a road between two towns", None,
     "Un convoi de ravitaillement a été attaqué sur l'axe Djibo-Bourzanga, au Burkina Faso.",
     "ASSAULT", "axe Djibo-Bourzanga", "near"),
    ("a road between two towns", None,
     "Une embuscade a visé un convoi de l'armée sur la route Niamey-Tillabéri, au Niger.",
     "ASSAULT", "route Niamey-Tillabéri", "near"),
    ("a place inside the actor's name is not where", None,
     "Le gouvernement de Bamako a critiqué la France lors d'une visite à Dakar.",
     "ACCUSE", "Dakar", "city"),
]


@pytest.mark.parametrize(("mechanism", "title", "text", "event", "name", "precision"),
                         PLACE_ROWS, ids=[r[0] for r in PLACE_ROWS])
def test_event_place(extract, mechanism, title, text, event, name, precision) -> None:  # type: ignore[no-untyped-def]
    found = [e for e in extract(text, title=title).events if e.event == event]
    assert found, mechanism
    place = found[0].place
    assert place is not None, mechanism
    assert (place.name, place.precision) == (name, precision), place


def test_unsaid_side_is_an_unidentified_actor_of_the_event_country(extract) -> None:  # type: ignore[no-untyped-def]
    # ACLED's "Unidentified Armed Group (Burkina Faso)": flagged, never read from the text.
    result = extract("Au Burkina Faso, vingt soldats ont été tués mardi près de Djibo.")
    attack = next(e for e in result.events if e.event == "ASSAULT")
    assert [(a.country, a.kind, a.start) for a in attack.actor] == [("BFA", "unidentified", None)]
    assert attack.actor[0].name == "non identifié (Burkina Faso)"
    assert {a.kind for a in attack.recipient} != {"unidentified"}


FLIGHT_ROWS = [
    # (text, fled country, who caused the flight: a code, or None when the story does not say)
    ("Les troupes éthiopiennes ont envahi le Tigré. Des milliers de civils ont fui le pays.",
     None, None),
    ("L'armée turque a bombardé le nord de la Syrie. Des dizaines de milliers de personnes ont "
     "fui leurs foyers dans le nord de la Syrie.", "SYR", "TUR"),
    ("La Russie a envahi l'Ukraine en février. Plus d'un million de civils ont fui l'Ukraine.",
     "UKR", "RUS"),
    # no attacker in the story: the cause stays unsaid, not "someone from where they fled"
    ("Des milliers d'habitants ont fui la ville de Goma après l'éruption du volcan.",
     "COD", None),
]


@pytest.mark.parametrize(("text", "fled", "cause"), FLIGHT_ROWS)
def test_flight_is_caused_by_the_story_attacker(extract, text, fled, cause) -> None:  # type: ignore[no-untyped-def]
    flights = [e for e in extract(text).events if e.event == "SANCTION" and e.mode == "expel"]
    assert flights, text
    flight = flights[-1]
    if fled is not None:
        assert fled in {a.country for a in flight.recipient}, flight.to_dict()
        assert flight.place is not None and flight.place.country == fled, flight.place
    assert [a.country for a in flight.actor] == ([cause] if cause else []), flight.to_dict()
    if cause:
        assert flight.actor[0].kind == "inferred"


INVADED_ROWS = [
    # (text, invaded country, the story's attacker of it, or None when the story names none)
    ("Les forces russes ont bombardé Kharkiv lundi. Depuis l'invasion de l'Ukraine, "
     "l'économie du pays s'est effondrée.", "UKR", "RUS"),
    ("L'aviation turque a frappé des positions kurdes en Syrie. L'attaque contre la Syrie a "
     "été condamnée par l'Iran.", "SYR", "TUR"),
    ("Depuis l'invasion de l'Ukraine, l'économie du pays s'est effondrée.", "UKR", None),
]


def test_a_state_attack_without_target_is_on_the_country_fled(extract) -> None:  # type: ignore[no-untyped-def]
    # The refugees' country is the one invaded, not the article's (Poland); and the flight's
    # cause is then the invader.
    events = extract("Depuis le début de l'invasion russe, plus d'un million de civils ont "
                     "fui l'Ukraine. La Pologne en a accueilli la moitié.").events
    [invasion] = [e for e in events if e.event == "ASSAULT"]
    assert [(r.country, r.kind) for r in invasion.recipient] == [("UKR", "inferred")]
    [flight] = [e for e in events if e.event == "SANCTION"]
    assert [a.country for a in flight.actor] == ["RUS"]
    # An army's own country fled is no target it attacked from outside.
    events = extract("L'armée malienne a mené des frappes dans le centre. Des milliers de "
                     "civils ont fui le Mali.").events
    assert all("inferred" not in {r.kind for r in e.recipient}
               for e in events if e.event == "ASSAULT")


@pytest.mark.parametrize(("text", "invaded", "attacker"), INVADED_ROWS)
def test_attack_on_a_country_is_by_the_story_attacker(extract, text, invaded, attacker) -> None:  # type: ignore[no-untyped-def]
    # A country does not invade itself: the untold author is the story's attacker of it.
    attacks = [e for e in extract(text).events if e.event == "ASSAULT"
               and any(r.kind == "country" and r.country == invaded for r in e.recipient)]
    assert attacks, text
    codes = {a.country for a in attacks[-1].actor}
    assert invaded not in codes or attacker is None, attacks[-1].to_dict()
    if attacker:
        assert codes == {attacker}, attacks[-1].to_dict()
        assert attacks[-1].actor[0].kind == "inferred"


@pytest.mark.parametrize("text", [
    # a planned summit says nothing of who it is for
    "Le prochain sommet de la CEDEAO se tiendra à Abuja en juillet.",
    # the parties of a meeting are those who met
    "Le ministre malien a eu une séance de travail à Bamako.",
])
def test_no_unidentified_party_for_plans_and_meetings(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    for ev in extract(text).events:
        assert all(a.kind != "unidentified" for a in ev.actor + ev.recipient), ev.to_dict()

"""Made-up wire and local-news sentences (probe4): the four kinds as English commonly writes
them, with actors and acts unlike the development stories'. Each case states the kind, the
speaker and, where the words name one, the target of every statement the text makes."""

from __future__ import annotations

import pytest

from extraction import ExtractionResult

from .conftest import run, speaker_name


def _target(result: ExtractionResult, statement) -> str | None:
    actor = result.actor(statement.target) if statement.target else None
    return actor.name if actor else None


def _affiliation(result: ExtractionResult, statement) -> str | None:
    actor = result.actor(statement.speaker) if statement.speaker else None
    owner = result.actor(actor.affiliation) if actor and actor.affiliation else None
    return owner.name if owner else None


def _triples(text: str) -> list[tuple[str, str | None, str | None]]:
    result = run(text)
    return [(s.kind, speaker_name(result, s), _target(result, s)) for s in result.statements]


# (text, [(kind, speaker, target), ...])
CASES = [
    # denials
    (
        'The foreign ministry of Azerbaijan dismissed the report as "baseless".',
        [("denial", "foreign ministry", None)],
    ),
    (
        '"These claims are completely false," a spokesman for the Serbian government said.',
        [("denial", "spokesman for the Serbian government", None)],
    ),
    (
        "Peru's interior ministry denied that police had fired on protesters in Cusco.",
        [("denial", "Peru", None)],
    ),
    (
        "Eritrea rejected accusations that its troops had looted villages in the border region, "
        "calling them fabrications.",
        [("denial", "Eritrea", None)],
    ),
    (
        'A spokeswoman for the mining company Norvale said the allegations were "without foundation".',
        [("denial", "spokeswoman for the mining company Norvale", None)],
    ),
    (
        "The Pakistani army flatly denied the claim, saying no soldiers had crossed the line of control.",
        [("denial", "Pakistan", None)],
    ),
    (
        '"There is no truth whatsoever to these rumours," said Mayor Linda Park.',
        [("denial", "Linda Park", None)],
    ),
    (
        'Venezuela\'s government called the accusations "lies invented by imperialists".',
        [("denial", "Venezuela", None)],
    ),
    (
        "Thailand's defence ministry said the report was untrue and that its aircraft had not "
        "entered Cambodian airspace.",
        [("denial", "Thailand", None)],
    ),
    (
        "The union's president, Mark Obi, refuted suggestions that the strike had been planned for months.",
        [("denial", "Mark Obi", None)],
    ),
    ("Kazakhstan has repeatedly denied interfering in the election.", [("denial", "Kazakhstan", None)]),
    ('The ministry rejected the allegations of vote-rigging as "absurd".', [("denial", "ministry", None)]),
    (
        "The embassy said the accusations of espionage were groundless and politically motivated.",
        [("denial", "embassy", None)],
    ),
    ("The president's office said the video was a fake.", [("denial", "president's office", None)]),
    ('"We did nothing wrong," said the club\'s chairman, Peter Vance.', [("denial", "Peter Vance", None)]),
    (
        "The Nigerian army said reports that soldiers had killed civilians were false.",
        [("denial", "Nigeria", None)],
    ),
    (
        "Bolivia's government dismissed the criticism, saying the election had been free and fair.",
        [("denial", "Bolivia", None)],
    ),
    # criticism
    (
        "Armenia's prime minister condemned the shelling of the village.",
        [("criticism", "Armenia's prime minister", None)],
    ),
    (
        "Opposition leaders slammed the budget, calling it a betrayal of working families.",
        [("criticism", "Opposition leaders", None)],
    ),
    (
        "The Sudanese doctors' union called the decision reckless.",
        [("criticism", "Sudanese doctors' union", None)],
    ),
    (
        "Human Rights Watch criticised the Ethiopian government for its handling of the crisis.",
        [("criticism", "Human Rights Watch", "Ethiopia")],
    ),
    (
        '"This is a disgrace," said Tom Hale, a councillor for the east ward.',
        [("criticism", "Tom Hale", None)],
    ),
    (
        "Brazil's environment minister blasted the loggers, calling them criminals.",
        [("criticism", "Brazil's environment minister", None)],
    ),
    (
        "Local business owners railed against the new parking fees.",
        [("criticism", "Local business owners", None)],
    ),
    (
        "The ambassador said the sanctions were illegal and counterproductive.",
        [("criticism", "ambassador", None)],
    ),
    ("The senator called the deal a disaster for farmers.", [("criticism", "senator", None)]),
    (
        "Opposition lawmakers walked out in protest, saying the bill was unconstitutional.",
        [("criticism", "Opposition lawmakers", None)],
    ),
    (
        '"This is a witch hunt," the former minister said of the investigation.',
        [("criticism", "former minister", None)],
    ),
    # judged "as" something: the parser hangs the adjective on "as"
    (
        "Kenya's opposition leader described the new tax as cruel and unjust.",
        [("criticism", "Kenya's opposition leader", None)],
    ),
    (
        "The regional governor described the protesters as hooligans.",
        [("criticism", "regional governor", None)],
    ),
    # a judging noun said of a response, a plan, a law
    (
        "Residents said the city's response to the flooding had been a shambles.",
        [("criticism", "Residents", None)],
    ),
    ("Critics said the plan was a waste of money.", [("criticism", "Critics", None)]),
    ("Critics said the law was a blow to press freedom.", [("criticism", "Critics", None)]),
    # "hit out at", "lashed out at": words, not force
    (
        "Peru's president hit out at Bolivia over the border closure.",
        [("criticism", "Peru's president", "Bolivia")],
    ),
    (
        "The teachers' federation lashed out at the province over the cuts, saying they would hurt children.",
        [("criticism", "teachers' federation", None)],
    ),
    # accusations
    ("Guyana accused Venezuela of massing troops near the border.", [("accusation", "Guyana", "Venezuela")]),
    (
        "The opposition accused the ruling party of rigging the election.",
        [("accusation", "opposition", None)],
    ),
    (
        "Prosecutors allege that the former governor took bribes from construction firms.",
        [("accusation", "Prosecutors", None)],
    ),
    (
        "India accused Pakistan of violating the ceasefire in Kashmir on Sunday.",
        [("accusation", "India", "Pakistan")],
    ),
    (
        "The Dutch intelligence service said Chinese hackers were behind the cyberattack on the port.",
        [("accusation", "Netherlands", "China")],
    ),
    (
        "Amnesty International accused Myanmar's military of torturing detainees.",
        [("accusation", "Amnesty International", "Myanmar")],
    ),
    (
        "Kosovo's interior minister accused Serbia of supplying weapons to armed groups in the north.",
        [("accusation", "Kosovo's interior minister", "Serbia")],
    ),
    (
        "Polish officials accused Belarus of spying for Moscow, saying two agents had been arrested.",
        [("accusation", "Polish officials", "Belarus")],
    ),
    (
        "The rebels charged that government forces had bombed a hospital in the town.",
        [("accusation", "rebels", None)],
    ),
    (
        '"They stole this election," said opposition candidate Maria Lopes.',
        [("accusation", "Maria Lopes", None)],
    ),
    ("Turkey accused Sweden of harbouring terrorists.", [("accusation", "Turkey", "Sweden")]),
    (
        "Hungary's prime minister said Brussels was blackmailing his country.",
        [("accusation", "Hungary's prime minister", "European Union")],
    ),
    (
        "The Philippine coast guard accused Chinese vessels of firing water cannon at its boats.",
        [("accusation", "Philippines", "China")],
    ),
    (
        "Croatia's president branded the general a war criminal.",
        [("accusation", "Croatia's president", None)],
    ),
    # a charge done by a body or an office holder no known actor names is still a charge
    (
        "The company's former accountant claimed the chief executive had falsified the books.",
        [("accusation", "company's former accountant", None)],
    ),
    (
        "Human rights groups said the army was responsible for the massacre.",
        [("accusation", "Human rights groups", None)],
    ),
    ("The watchdog said the bank had misled customers about fees.", [("accusation", "watchdog", None)]),
    (
        "Environmental groups said the mining company had poisoned the river.",
        [("accusation", "Environmental groups", None)],
    ),
    # neutral news quotes stay claims
    ('"We\'re thrilled," said Jane Doe, director of the food bank.', [("claim", "Jane Doe", None)]),
    (
        "The city expects to finish the new library by next spring, said Paul Grant, a spokesman for "
        "the City of Halifax.",
        [("claim", "Paul Grant", None)],
    ),
    (
        "Sales rose 12 per cent in the third quarter, the company said in a statement.",
        [("claim", "company", None)],
    ),
    ("The union said its members had voted to accept the contract.", [("claim", "union", None)]),
    (
        "According to the health ministry, 40 people were treated for heat stroke.",
        [("claim", "health ministry", None)],
    ),
    (
        '"The river is still rising," the mayor of Winnipeg, Dan Cole, told reporters.',
        [("claim", "Dan Cole", None)],
    ),
    (
        "Police said a 34-year-old man had been arrested in connection with the robbery.",
        [("claim", "Police", None)],
    ),
    ("The ministry said the talks would resume next week in Geneva.", [("claim", "ministry", None)]),
    (
        '"It\'s a great day for our community," said Raj Patel, who owns a bakery on Main Street.',
        [("claim", "Raj Patel", None)],
    ),
    (
        "Indonesia's finance minister said inflation would slow next year.",
        [("claim", "Indonesia's finance minister", None)],
    ),
    ('"Nobody was hurt," said fire chief Ben Lacroix.', [("claim", "Ben Lacroix", None)]),
    # "X's neighbour Y": Y speaks
    ("Ukraine's neighbour Moldova said the plot had been foiled.", [("claim", "Moldova", None)]),
    ("Russia's ally Belarus said the drills would go on.", [("claim", "Belarus", None)]),
    ("Trump's rival Ted Cruz said the poll was wrong.", [("claim", "Ted Cruz", None)]),
    # a view of someone is no insult; calling them so is
    (
        "The campaign manager said he viewed the senator as a genuine threat.",
        [("claim", "campaign manager", None)],
    ),
    ("The senator denounced the governor as a traitor.", [("criticism", "senator", None)]),
    # "accusing them of": the ones the main verb acted on
    (
        "Lithuania expelled three Belarusian diplomats, accusing them of spying.",
        [("accusation", "Lithuania", "Belarus")],
    ),
    (
        "Police arrested the Bulgarian minister, accusing him of fraud.",
        [("accusation", "Police", "Bulgaria")],
    ),
    # a body or an office holder judged by a criticism verb, though no actor names it
    ("Residents said the council ignored the warnings.", [("criticism", "Residents", None)]),
    (
        "The premier said the federal government had betrayed the province.",
        [("criticism", "premier", None)],
    ),
    ("The coach said the players ignored the noise.", [("claim", "coach", None)]),
    # answerable for a duty is no charge
    (
        "The commission said candidates are responsible for dividing personal and campaign expenses.",
        [("claim", "commission", None)],
    ),
    # a city's own service is not the state its capital names
    (
        "The Ottawa Police Service said a man had been arrested.",
        [("claim", "The Ottawa Police Service", None)],
    ),
    ("London Fire Brigade said the blaze was under control.", [("claim", "London Fire Brigade", None)]),
    ("Moscow said the drills were routine.", [("claim", "Russia", None)]),
    # local-news titles and bodies
    ('"That\'s simply not true," said Coun. Maria Santos.', [("denial", "Maria Santos", None)]),
    ("Coun. Maria Santos said the vote would be held on Monday.", [("claim", "Maria Santos", None)]),
    (
        "The residents' association said the developer had ignored their concerns.",
        [("criticism", "residents' association", None)],
    ),
    ("The minister called the protesters' demands unreasonable.", [("criticism", "minister", None)]),
    (
        "The foreign ministry in Hanoi said Chinese ships had rammed a Vietnamese fishing boat.",
        [("accusation", "foreign ministry", "China")],
    ),
    (
        'Chile\'s foreign minister said the Bolivian claims were "pure fiction".',
        [("denial", "Chile's foreign minister", "Bolivia")],
    ),
    (
        "South Africa's president said his government had done nothing wrong.",
        [("denial", "South Africa's president", None)],
    ),
    # "they lied": the verb charges; the noun "lies" is left to the linker
    ('"They lied to us," the union leader said.', [("accusation", "union leader", None)]),
    (
        '"They are lying to the public," the union leader said of the hospital board.',
        [("accusation", "union leader", None)],
    ),
    # more wire forms of criticism and charge
    (
        "Norway's foreign minister said Israel had no right to seize the ship.",
        [("criticism", "Norway's foreign minister", "Israel")],
    ),
    (
        "The bishops said the government had shown total disregard for the poor.",
        [("criticism", "bishops", None)],
    ),
    (
        "Ireland's prime minister said the British government's plan was deeply damaging.",
        [("criticism", "Ireland's prime minister", "United Kingdom")],
    ),
    (
        "The Kenyan opposition said the police were using excessive force against protesters.",
        [("accusation", "Kenyan opposition", "Kenya")],
    ),
    ("Japan said China's remarks were deeply offensive.", [("criticism", "Japan", "China")]),
    (
        "Sweden's prime minister said Turkey's demands were unacceptable.",
        [("criticism", "Sweden's prime minister", "Turkey")],
    ),
    (
        "The Greek government said the Turkish flights were a violation of its airspace.",
        [("accusation", "Greece", "Turkey")],
    ),
    ("The storm hit the coast on Monday.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_kind_speaker_and_target(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert _triples(text) == expected


def test_an_official_speaks_for_the_body_named_not_the_city_it_sits_in():
    text = '"We are disappointed," said Ana Ruiz, spokeswoman for the Lima-based group Fair Water.'
    result = run(text)
    (statement,) = result.statements
    assert speaker_name(result, statement) == "Ana Ruiz"
    assert _affiliation(result, statement) == "Fair Water"


def test_an_executive_director_is_of_the_shelter_named():
    text = '"We have enough beds for everyone tonight," said Karen Mills, executive director of the Lighthouse Shelter.'
    result = run(text)
    (statement,) = result.statements
    assert statement.kind == "claim"
    assert _affiliation(result, statement) == "the Lighthouse Shelter"


def test_a_rebel_command_is_not_the_state_named_before_and_answers_its_charge():
    text = (
        "Colombia's president said the rebels had broken the truce.\n\n"
        "The rebel command denied breaking the truce and said the army had attacked its camps."
    )
    result = run(text)
    charge, denial, counter = result.statements
    assert (charge.kind, speaker_name(result, charge)) == ("accusation", "Colombia's president")
    assert (denial.kind, speaker_name(result, denial)) == ("denial", "rebel command")
    assert (counter.kind, speaker_name(result, counter), _target(result, counter)) == (
        "accusation",
        "rebel command",
        "Colombia",
    )
    rebuts = {(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"}
    assert {(denial.id, charge.id), (counter.id, charge.id)} <= rebuts


def test_a_counter_accusation_rebuts_the_charge_and_aims_back():
    text = (
        "Azerbaijan accused Armenia of shelling its positions.\n\n"
        "Armenia's defence ministry rejected the claim as disinformation and accused Azerbaijani "
        "forces of opening fire first."
    )
    result = run(text)
    assert _triples(text) == [
        ("accusation", "Azerbaijan", "Armenia"),
        ("denial", "Armenia", "Azerbaijan"),
        ("accusation", "Armenia", "Azerbaijan"),
    ]
    s1, s2, s3 = result.statements
    rebuts = {(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"}
    assert rebuts == {(s2.id, s1.id), (s3.id, s1.id)}


def test_a_smear_called_so_denies_the_charge_before_it():
    text = (
        "The opposition accused the mayor of corruption.\n\nThe mayor's office called the accusation a smear."
    )
    result = run(text)
    charge, denial = result.statements
    assert (charge.kind, denial.kind) == ("accusation", "denial")
    assert denial.target == charge.speaker
    assert [(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"] == [
        (denial.id, charge.id)
    ]


def test_not_going_to_lie_in_a_relative_clause_charges_no_one():
    text = '"I need a candidate who\'s not going to lie to me," the voter said.'
    result = run(text)
    assert [s.kind for s in result.statements] == ["claim"]


def test_the_reporters_name_for_words_a_side_denied_ends_them_and_says_their_kind():
    text = "The Cambodian government said Thailand had started the clashes, an accusation Bangkok rejected."
    result = run(text)
    denial, charge = result.statements
    assert (charge.kind, speaker_name(result, charge), _target(result, charge)) == (
        "accusation",
        "Cambodia",
        "Thailand",
    )
    assert (
        text[charge.content_spans[0][0] : charge.content_spans[-1][1]] == "Thailand had started the clashes"
    )
    assert (denial.kind, speaker_name(result, denial)) == ("denial", "Thailand")
    assert [(lk.source, lk.target) for lk in result.links if lk.relation == "rebuts"] == [
        (denial.id, charge.id)
    ]


def test_a_claim_named_so_stays_a_claim_but_ends_before_its_name():
    text = "Venezuela said Guyana had provoked the crisis, a claim Georgetown denies."
    result = run(text)
    claim = next(s for s in result.statements if speaker_name(result, s) == "Venezuela")
    assert claim.kind == "claim"
    assert text[claim.content_spans[0][0] : claim.content_spans[-1][1]] == "Guyana had provoked the crisis"

"""Stance of statements (storyline_stance) on made-up stories."""
from __future__ import annotations

import pytest

import storyline
from storyline.nlp.stance import STANCE_RULES, StanceRule, deciding_rule


@pytest.fixture(scope="module")
def stances() -> dict[str, str]:
    text = (
        "Port row deepens\n\n"
        "In a statement, the Harbor Trust said it \"categorically rejects\" reports that it had approved the closure.\n\n"
        "\"We never agreed to anything,\" said union steward Dev Patel.\n\n"
        "The council said the plan was rejected by voters in 2019. "
        "The chief said he does not dispute the figures.\n\n"
        "Mayor Ann Crane said Tom Baxter had denied the report.\n\n"
        "The plan's backers said the union rejected the offer."
    )
    article = storyline.analyze(text, published="2025-03-05")
    for statement in article.statements:
        for s, e in statement.content.spans:
            assert text[s:e] in statement.content.text
    return {s.content.text: s.stance for s in article.statements}


def stance_of(stances: dict[str, str], words: str) -> str:
    found = [stance for content, stance in stances.items() if words in content]
    assert found, f"no statement with {words!r}: {list(stances)}"
    return found[0]


def test_the_words_own_denying_verb_is_a_denial(stances):
    assert stance_of(stances, "categorically rejects") == "deny"


def test_never_having_agreed_is_a_denial(stances):
    assert stance_of(stances, "We never agreed to anything") == "deny"


def test_a_passive_or_negated_denying_verb_is_not_the_speakers_denial(stances):
    assert stance_of(stances, "the plan was rejected by voters") == "assert"
    assert stance_of(stances, "does not dispute the figures") == "assert"


def test_a_denial_by_someone_the_words_name_is_not_the_speakers(stances):
    assert stance_of(stances, "Tom Baxter had denied the report") == "assert"
    assert stance_of(stances, "the union rejected the offer") == "assert"


@pytest.mark.parametrize(("sentence", "words"), [
    ('The company said it was "not true" that it had cut jobs.', "that it had cut jobs"),  # a quote mark inside
    ('The ministry denied the report, calling it "pure fiction".', "pure fiction"),
])
def test_calling_a_claim_untrue_or_fiction_is_a_denial(sentence, words):
    article = storyline.analyze("Claims denied\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found and set(found) == {"deny"}


@pytest.mark.parametrize("sentence, words, stance", [
    ("The minister said the port could close next year.", "the port could close", "hedge"),
    ("The minister said it was unclear whether talks would resume.", "it was unclear", "hedge"),
    ("The minister said the port would reopen as soon as possible.", "the port would reopen", "assert"),
    ("The minister said he moved the meeting so he could attend the funeral.", "he moved the meeting", "assert"),
    ("The owner said he had bought a generator in case the power might fail again.", "he had bought a generator", "assert"),
])
def test_only_a_modal_that_qualifies_the_claim_hedges_it(sentence, words, stance):
    article = storyline.analyze("Port news\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found == [stance], [(s.content.text, s.stance) for s in article.statements]


def test_a_hedge_in_words_over_two_sentences_is_read_in_its_own_sentence():
    text = 'Port news\n\nThe minister said: "The port will close. It could reopen in May."'
    article = storyline.analyze(text, published="2025-03-05")
    assert [s.stance for s in article.statements if "could reopen" in s.content.text] == ["hedge"]


@pytest.mark.parametrize("sentence, words, stance", [
    ("Police said no one was injured in the fire.", "no one was injured", "deny"),
    ("The club said there were no discussions about the manager.", "there were no discussions", "deny"),
    ("The railway said no trains will run west of the bridge.", "no trains will run", "assert"),  # a plan, foretold
    ("The coach said his players had no answers to the press.", "had no answers", "assert"),  # "no" in the object
])
def test_saying_that_nothing_of_a_kind_was_so_is_a_denial(sentence, words, stance):
    article = storyline.analyze("Fire at the depot\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found and set(found) == {stance}



@pytest.fixture(scope="module")
def nlp():
    from storyline.nlp import pipeline
    return pipeline.load()


@pytest.mark.parametrize("rule", STANCE_RULES, ids=[rule.name for rule in STANCE_RULES])
def test_each_stance_rule_decides_its_example(nlp, rule: StanceRule):
    """Every entry of the stance table: its example makes a statement with the entry's words whose
    stance this rule, the first that holds, decides (and `--explain` names it)."""
    doc = nlp("Port news\n\n" + rule.example)
    found = [s for s in doc._.statements if rule.words in s.content.text]
    assert found, [s.content.text for s in doc._.statements]
    for statement in found:
        assert deciding_rule(doc, statement) is rule
        assert statement.stance == rule.stance and f"stance: {rule.name}" in statement.steps


def test_the_stance_rules_have_distinct_names():
    assert len({rule.name for rule in STANCE_RULES}) == len(STANCE_RULES)


@pytest.mark.parametrize("sentence, words, stance", [
    # a negated claim denies; a negation in a promise, a question, a contrast, a judgement or an instruction does not
    ("The hospital said patient care had not been affected.", "patient care had not been affected", "deny"),
    ('"I\'m not against solar. I\'m against doing this in a hurry," she said.', "I'm not against solar", "deny"),
    ('"We will not hesitate to prosecute landlords," the inspector said.', "We will not hesitate", "assert"),
    ('"I do not know where to start," the shopkeeper said.', "I do not know where to start", "assert"),
    ('"It\'s not everything we wanted, but it\'s a fair deal," the union leader said.', "it's a fair deal", "assert"),
    ('"Success doesn\'t happen by accident," the coach said.', "Success doesn't happen by accident", "assert"),
    ('The coach said the second half "didn\'t look great".', "didn't look great", "assert"),
    ('"You don\'t have to run marathons," the professor said.', "You don't have to run marathons", "assert"),
    ('"Farmers need not worry," the minister said.', "Farmers need not worry", "assert"),
    ('"My mum was in the stand. She did not sit down once," the striker said.', "She did not sit down once", "assert"),
    ('"There is nothing to hide," the minister said.', "There is nothing to hide", "deny"),
    ('"A second vote is not on the table," the premier said.', "A second vote is not on the table", "deny"),  # a ruling-out
    ('"Nobody is hiding," the manager said.', "Nobody is hiding", "assert"),
    ("The coach said he had nothing but praise for the players.", "nothing but praise", "assert"),
    ('"The tender was fair. There is nothing to hide," the minister said.', "There is nothing to hide", "deny"),
    ('"We are cooperating. Our doctors did nothing wrong," she wrote.', "Our doctors did nothing wrong", "deny"),
    ('"No one should have to live like this," the inspector said.', "No one should have to live like this", "assert"),
    ('"We\'re not going back to the old rota," the nurse said.', "We're not going back", "assert"),
    ('"Prices are not going up this year," the chief executive said.', "Prices are not going up", "deny"),
    ('"Our members are not like machines," the union leader said.', "Our members are not like machines", "assert"),
    # a modal of inability, of perception, inside a question or in a comparison hedges nothing
    ("The adviser wrote that he could no longer defend the process.", "he could no longer defend", "assert"),
    ('"We may disagree, but we want the same thing," the senator said.', "we want the same thing", "assert"),  # a concession
    ('One volunteer told us she "could see it coming".', "could see it coming", "assert"),
    ("His mother said he didn't know who he could trust any more.", "who he could trust", "assert"),
    ("Walkers are a third less likely to develop dementia, according to the study.", "less likely to develop", "assert"),
    ("The governor said a cut in June could not be ruled out.", "could not be ruled out", "hedge"),
    ('"We cannot rule out further strikes," the union said.', "We cannot rule out further strikes", "hedge"),
    ("The spokesman said he could not comment on the investigation.", "he could not comment", "assert"),
    ("The engineers said some homes might not be reconnected until Tuesday.", "might not be reconnected", "hedge"),
    ('"If it opens on the first, we might save the third," said the farmer.', "we might save the third", "hedge"),
    ("The company said the failure appeared to have been caused by a bearing.", "appeared to have been caused", "hedge"),
    ('"It seems the market has turned," the analyst said.', "It seems the market has turned", "hedge"),
    ("Officials said the suspect appeared in court on Monday.", "the suspect appeared in court", "assert"),
    ("The planners said the town risked losing the depot to a rival bid.", "the town risked losing the depot", "hedge"),
    ("The chief said the crew risked their lives to reach the boat.", "the crew risked their lives", "assert"),
    # a belief held now hedges; guidance, a past belief and "think about" do not
    ("Investigators suspect an unattended campfire, a person familiar with the inquiry said.", "Investigators suspect", "hedge"),
    ("The agency says river levels are expected to peak around 8pm.", "river levels are expected to peak", "hedge"),
    ("The company said it now expected revenue of $12 billion.", "it now expected revenue", "assert"),
    ('"I thought it was a prank," the owner said.', "I thought it was a prank", "assert"),
    ('"I think about it every day," he wrote.', "I think about it every day", "assert"),
    ("The retailer warned that higher wage costs would weigh on the Christmas quarter.", "would weigh", "hedge"),
    ("Independent experts warned against over-interpreting the study.", "over-interpreting", "assert"),
    ("A spokeswoman confirmed the grant would be reviewed.", "the grant would be reviewed", "assert"),
    ("The agency said it would consider a bid on its merits.", "it would consider a bid", "hedge"),
    ("The board said it considered the offer unacceptable.", "it considered the offer unacceptable", "assert"),
    ("The utility says it does not expect to cut power this winter.", "it does not expect to cut power", "deny"),
    # a warning of what is so, a judgement of a case or a bare noun phrase foretells nothing
    ("The fire service warned that the hillside was still unstable.", "the hillside was still unstable", "assert"),
    ("The inspector warned that it would be reckless to reopen the mine.", "it would be reckless", "assert"),
    ("The treasury projected growth of 1.8 per cent for next year.", "growth of 1.8 per cent", "assert"),
    ("The treasury forecast that growth would slow to 1.8 per cent.", "growth would slow", "hedge"),
    # "could" of what anyone may do, of what did not happen, or of a foreseen event
    ("The museum said visitors could now book tickets online.", "visitors could now book tickets", "assert"),
    ('"I could have scored twice before the break," the striker said.', "I could have scored twice", "assert"),
    ('"They could have settled this a year ago," the tenant said.', "They could have settled this", "assert"),
    ("The engineer said the fire could have started in the fuse box.", "the fire could have started", "hedge"),
    ("Investigators said the crew could have landed safely if it had turned back.", "could have landed safely", "assert"),
    ("The airport said it could see more delays on Friday.", "it could see more delays", "hedge"),
    ('"It\'s a change that might save lives," the surgeon said.', "a change that might save lives", "hedge"),
    ('"There is a possibility the bridge will close," the mayor said.', "There is a possibility", "hedge"),
    ('"There is no chance the bridge will close," the mayor said.', "There is no chance", "deny"),
    ('"I would say the market has bottomed out," the analyst said.', "I would say the market", "hedge"),
    ('"If they called me, I would say, \'Go home,\'" the mayor said.', "I would say", "assert"),  # in a case
    # a negation inside an account in time, a hypothetical or a habit; refutations without a negated verb
    ('"When the bell rang nobody moved and the doors didn\'t open," the pupil said.', "the doors didn't open", "assert"),
    ('"If it stays dry, we don\'t need the covers," the groundsman said.', "we don't need the covers", "assert"),
    ('"Young players don\'t wait any more," the coach said.', "Young players don't wait any more", "assert"),
    ("The agency said it was not aware of any breach.", "not aware of any breach", "deny"),
    ("The rule, while important, is not the monster its critics claim, the regulator wrote.", "is not the monster", "deny"),
    ("The club said the claim was without merit.", "the claim was without merit", "deny"),
    ('"They have not completely lost faith in the port," the mayor said.', "They have not completely lost faith", "assert"),
    ('"Did we not warn them about the floods?" the mayor asked.', "Did we not warn them", "assert"),
    ('"They have not lost faith in the port," the mayor said.', "They have not lost faith", "deny"),
    # a forecast stated as a figure asserts; having no evidence rules out; a warning refutes nothing;
    # a belief reported in the past is held when speaking
    ("Forecasters at the agency predicted up to 14 hurricanes for the season starting on 1 June.", "up to 14 hurricanes", "assert"),
    ("The weather service predicted that the storm would reach the coast.", "the storm would reach the coast", "hedge"),
    ('"We have no official notification that the plant is closing," the spokesman said.', "We have no official notification", "deny"),
    ("The agency said it had received no confirmation of the cases.", "it had received no confirmation", "deny"),
    ('"We had no answers for their pace," the coach said.', "We had no answers", "assert"),
    ("The engineer warned that success was not guaranteed.", "success was not guaranteed", "assert"),
    ("Neighbours were quoted as saying they thought he had moved abroad.", "they thought he had moved abroad", "hedge"),
    # a rule stated, a refusal to say more
    ('Arrests of journalists "are not allowed at all," the minister said.', "are not allowed at all", "assert"),
    ('"Yes, they are the owners. I can\'t say any more," she said.', "they are the owners", "assert"),
])
def test_what_denies_and_what_hedges(sentence, words, stance):
    article = storyline.analyze("Port news\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found and set(found) == {stance}, [(s.content.text, s.stance) for s in article.statements]


@pytest.mark.parametrize("sentence, words, stance", [
    # "not just": more than that, nothing ruled out
    ('"Our harbour is not just about fishing," the mayor said.', "Our harbour is not just about fishing", "assert"),
    # a word of falsity in what the words talk about, not calling a claim false
    ("The council said it would let residents flag fake news posts on its page.", "it would let residents flag fake news posts", "assert"),
    ("He said he wanted the owners punished for their lies about the leak.", "he wanted the owners punished", "assert"),
    ("The ministry dismissed the reports as lies.", "the reports as lies", "deny"),
    ("The ministry said the reports were false.", "the reports were false", "deny"),
    # taking no part, showing no signs, still having no evidence: a ruling-out
    ("The club said it had taken no part in talks on the transfer.", "it had taken no part in talks", "deny"),
    ("The agency said the infection shows no signs of spreading beyond the ward.", "the infection shows no signs", "deny"),
    ("Police said they continue to have no evidence that the fire was started deliberately.", "they continue to have no evidence", "deny"),
    # what one would do in a case that is not so: no decision being weighed
    ("The singer has said he would consider running for mayor if he was younger.", "he would consider running for mayor", "assert"),
    ("The company said it would consider a bid on its merits.", "it would consider a bid", "hedge"),
    # how things appear, not that they are so
    ("Officials said it sounds as though the talks on the harbour have stalled.", "it sounds as though the talks", "hedge"),
    ("The coach said the crew looked tired after the race.", "the crew looked tired", "assert"),
    # what a thing can be used for: a capability, no doubt
    ("The engineer said the stolen drones could be used as weapons against ships.", "the stolen drones could be used", "assert"),
    ("The engineer said the drones could carry explosives into the harbour.", "the drones could carry explosives", "hedge"),
    # "there are matters that might ...": the claim is that they exist
    ("The official said there are other matters that the board might discuss.", "there are other matters", "assert"),
    ("The union said it's a move that could cost jobs at the harbour.", "it's a move that could cost jobs", "hedge"),
    # no intelligence that a thing is so, like no evidence: a ruling-out
    ("The agency said it continues to have no credible intelligence that the group plans an attack.",
     "it continues to have no credible intelligence", "deny"),
])
def test_stance_refinements(sentence, words, stance):
    article = storyline.analyze("Harbour news\n\n" + sentence, published="2025-03-05")
    found = [s.stance for s in article.statements if words in s.content.text]
    assert found and set(found) == {stance}, [(s.content.text, s.stance) for s in article.statements]

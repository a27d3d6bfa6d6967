"""A check set for stance: sentences written for storyline in the styles of several outlets (wire,
broadsheet, tabloid, live blog, sport, business, regional), each with the words of one statement and the
stance a reporter would give it under the guideline of bench/reporter_gold/README.md. Scored by
tests/test_stance_check_set.py; `PYTHONPATH=src python -m tests.stance_check_set` prints the agreement and each disagreement."""
from __future__ import annotations

CHECK_SET: tuple[tuple[str, str, str], ...] = (
    # hedge: a modal or hedge word on the claim itself
    ("The finance minister said inflation could ease by the autumn.", "inflation could ease", "hedge"),
    ('"We may need to close two wards," the hospital\'s chief executive said.', "We may need to close two wards", "hedge"),
    ("Police said the driver might have fallen asleep at the wheel.", "the driver might have fallen asleep", "hedge"),
    ("The club said the striker was likely to miss the derby.", "the striker was likely to miss the derby", "hedge"),
    ("Analysts said the merger would probably face a lengthy review.", "would probably face", "hedge"),
    ('"Perhaps we were too cautious," the coach admitted.', "Perhaps we were too cautious", "hedge"),
    ("The council said the bridge appeared to have been damaged by the flood.", "appeared to have been damaged", "hedge"),
    ("A spokesman said the fire may have started in the kitchen.", "the fire may have started", "hedge"),
    ('"I think we can still win the league," the captain said.', "I think we can still win the league", "hedge"),
    ("The bank said rates could rise again before Christmas.", "rates could rise again", "hedge"),
    ("Forecasters said the storm might reach the coast by Friday.", "the storm might reach the coast", "hedge"),
    ("The airline said delays were possibly caused by a software fault.", "delays were possibly caused", "hedge"),
    ("Scientists said the virus could spread further if left unchecked.", "the virus could spread further", "hedge"),
    # modal inside a purpose clause, fixed phrase, relative clause or question: no hedge
    ("The mayor said crews would clear the roads as soon as possible.", "crews would clear the roads", "assert"),
    ("The company said it had cut prices so customers could afford the upgrade.", "it had cut prices", "assert"),
    ("The school said it had moved the exam so pupils could attend the memorial.", "it had moved the exam", "assert"),
    ("The charity said it had raised money for families who might otherwise go hungry.", "it had raised money", "assert"),
    ("The minister said the scheme would help as many households as possible.", "the scheme would help", "assert"),
    ("The union said it had balloted members on a deal that could end the dispute.", "it had balloted members", "assert"),
    ("The owner said he had bought a generator in case the power might fail again.", "he had bought a generator", "assert"),
    ("The coach said he had told the players what they could expect on Saturday.", "he had told the players", "assert"),
    ("The landlord said he had fixed the boiler as quickly as he could.", "he had fixed the boiler", "assert"),
    ("The firm said it had reduced waste as much as possible this year.", "it had reduced waste", "assert"),
    ("The police said officers had asked residents whether they might have seen the van.", "officers had asked residents", "assert"),
    ("The hospital said the patient was stable and could go home on Tuesday.", "the patient was stable", "assert"),
    ("The council said the road could not be reopened until repairs were done.", "the road could not be reopened", "assert"),
    ('"I can see why people are angry," the chief constable said.', "I can see why people are angry", "assert"),
    ("The regulator said it would publish its findings next month.", "it would publish its findings", "assert"),
    ("The club said the new stand would open in August.", "the new stand would open in August", "assert"),
    ('"We will rebuild this town," the premier said.', "We will rebuild this town", "assert"),
    ("The manager said the team must improve its defending.", "the team must improve its defending", "assert"),
    ("The company said staff could now work from home two days a week.", "staff could now work from home", "assert"),
    ("The farmer said he had sold the herd because he could no longer afford feed.", "he had sold the herd", "assert"),
    ("The ministry said the vaccine was safe and that anyone who wanted it could book online.", "the vaccine was safe", "assert"),
    ("Officials said the suspect, who may have fled abroad, was wanted for fraud.", "was wanted for fraud", "assert"),
    ('"We may disagree on tactics, but we want the same thing," the union leader said.', "we want the same thing", "assert"),
    ('"You might not like the new timetable, but it gets people to work faster," the operator said.',
     "it gets people to work faster", "assert"),
    ('"The plant may close, and 400 jobs could go," the union leader said.', "The plant may close", "hedge"),
    # deny: the point is that something is not so
    ("The minister denied that the hospital would close.", "the hospital would close", "deny"),
    ("The company said the claims were false.", "the claims were false", "deny"),
    ("Police said there was no evidence of foul play.", "there was no evidence of foul play", "deny"),
    ('"I did not leak the document," the adviser said.', "I did not leak the document", "deny"),
    ("The club said the manager had not resigned.", "the manager had not resigned", "deny"),
    ("The airline said no passengers were hurt.", "no passengers were hurt", "deny"),
    ("The council rejected claims that the tender had been rigged.", "the tender had been rigged", "deny"),
    ("The bank said it had never lent money to the company.", "it had never lent money", "deny"),
    ('"There is no plan to raise taxes," the treasurer said.', "There is no plan to raise taxes", "deny"),
    ("The spokeswoman said the report was \"completely untrue\".", "completely untrue", "deny"),
    ("The school said the teacher had not been suspended.", "the teacher had not been suspended", "deny"),
    ("The singer's agent said she was not pregnant.", "she was not pregnant", "deny"),
    ("The minister ruled out an early election.", "an early election", "deny"),
    ("The player said he had done nothing wrong.", "he had done nothing wrong", "deny"),
    ("The company said it did not sell customers' data.", "it did not sell customers' data", "deny"),
    # a negation in a promise, a judgement, an instruction, a question or a story: assert
    ('"We will not let the families down," the mayor said.', "We will not let the families down", "assert"),
    ('"I won\'t stop fighting for this town," the MP said.', "I won't stop fighting for this town", "assert"),
    ("The manager said his players should not get carried away.", "his players should not get carried away", "assert"),
    ('"You don\'t need a car to live here," the planner said.', "You don't need a car to live here", "assert"),
    ('"I don\'t know how we will pay the bills," the mother said.', "I don't know how we will pay the bills", "assert"),
    ('"We didn\'t play well, but we got the win," the captain said.', "we got the win", "assert"),
    ("The witness said the men did not run but walked calmly to the car.", "the men did not run", "assert"),
    ('"It wasn\'t pretty," the striker said of the win.', "It wasn't pretty", "assert"),
    ("The coach said he couldn't fault his players' effort.", "he couldn't fault his players' effort", "assert"),
    # hedging cue, belief and expectation
    ("The minister suggested the port was losing money.", "the port was losing money", "hedge"),
    ("The report estimated that 3,000 jobs were at risk.", "3,000 jobs were at risk", "hedge"),
    ('"We believe the new line will pay for itself," the chief executive said.', "We believe the new line", "hedge"),
    ("Economists expect the central bank to hold rates, a survey showed.", "Economists expect the central bank", "hedge"),
    ("The company said sales rose 4% in the quarter.", "sales rose 4%", "assert"),
    ("The police said the man was arrested at his home on Tuesday.", "the man was arrested", "assert"),
    # a warning or forecast of what is so, a judgement of a case, a bare noun phrase: assert
    ("The coastguard warned there was potential for more flooding along the estuary.",
     "there was potential for more flooding", "assert"),
    ("The surveyor warned it would be unsafe to let tenants back into the block.", "it would be unsafe", "assert"),
    ("The agency cautioned that further repairs were needed before the line reopened.",
     "further repairs were needed", "assert"),
    ("The union warned that 300 jobs were at risk.", "300 jobs were at risk", "assert"),
    ("The central bank projected growth of 2.1 per cent next year.", "growth of 2.1 per cent", "assert"),
    ('"It would be a mistake to rush the decision," the chair said.', "It would be a mistake", "assert"),
    # a modal of what anyone may do or of what did not happen: assert
    ('"Honestly, anyone could have scored that," the winger said.', "anyone could have scored that", "assert"),
    ('"We could have won this game by half-time," the manager said.', "We could have won this game", "assert"),
    ("The firm said customers could now pay by phone.", "customers could now pay by phone", "assert"),
    # a negation inside an account, a hypothetical or a habit: assert
    ("The driver told police he did not see the cyclist until it was too late.", "he did not see the cyclist", "assert"),
    ('"When we got there the gate wasn\'t locked," the caretaker said.', "the gate wasn't locked", "assert"),
    ('"If the pay is right, I don\'t mind where the job is," the graduate said.', "I don't mind where the job is", "assert"),
    ('"Big crowds don\'t win matches," the manager said.', "Big crowds don't win matches", "assert"),
    # a possibility the speaker marks: hedge
    ("Forecasters said the valley could see 20cm of snow overnight.", "the valley could see 20cm of snow", "hedge"),
    ('"We could see more closures before the summer," the retailers\' group said.', "We could see more closures", "hedge"),
    ('"There\'s a chance the final will be moved," the organiser said.', "There's a chance the final will be moved", "hedge"),
    ('"It\'s a ruling that could reshape the industry," the lawyer said.', "a ruling that could reshape the industry", "hedge"),
    ('"I\'d say the penalty was soft," the pundit said.', "I'd say the penalty was soft", "hedge"),
    ('"It could be a long winter," the farmer said.', "It could be a long winter", "hedge"),
    ('"Maybe the heat got to us," the captain said.', "Maybe the heat got to us", "hedge"),
    # a refutation without a negated verb: deny
    ('"We are not aware of any complaint about the driver," the bus company said.',
     "We are not aware of any complaint", "deny"),
    ("The council said the claims were without foundation.", "the claims were without foundation", "deny"),
    ('"At no point did I break the rules," the councillor said.', "At no point did I break the rules", "deny"),
    ("The hospital said it was not responsible for the delay.", "it was not responsible for the delay", "deny"),
    ("The firm said the lawsuit had no merit.", "the lawsuit had no merit", "deny"),
)


def score(nlp) -> tuple[int, int, int, list[tuple[str, str, str]]]:
    """(right, wrong, not found, the wrong ones as (words, gold, found))."""
    right = wrong = missing = 0
    errors = []
    for sentence, words, stance in CHECK_SET:
        doc = nlp("Town news\n\n" + sentence)
        found = [s.stance for s in doc._.statements if words in s.content.text]
        if not found:
            missing += 1
        elif found[0] == stance:
            right += 1
        else:
            wrong += 1
            errors.append((words, stance, found[0]))
    return right, wrong, missing, errors


if __name__ == "__main__":
    from storyline.nlp import pipeline

    right, wrong, missing, errors = score(pipeline.load())
    print(f"check set {len(CHECK_SET)}: right {right}, wrong {wrong}, statement not found {missing}")
    for error in errors:
        print("  ", error)

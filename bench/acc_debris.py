"""Web debris beyond the line-by-line rules: per kind, and
the BOIL family inside the article's own region of real pages.

- Kinds: for each kind of debris (a cluster of short lines among known
  boilerplate, a listing of posts or a teaser cut short among it, an
  embedded post's furniture, a player's or a viewer's controls, a glued
  continuation marker, an orphan ending, a sentence glued to the one
  before, a phrase or the headline written twice, a dash lost to a question
  mark, a caption with its
  credit first or last, and the new line patterns: time stamps, bylines,
  counters, tags, home-page links, comment policies, affiliate
  disclosures), cases written for it (realistic, several
  taken from boilerplate/dev.jsonl) each hold the debris inside clean
  copy; a case counts when a finding of the kind's rules covers every
  piece of debris it names. Each case runs as blank-line paragraphs and
  one paragraph a line. Look-alikes (copy that resembles the debris) must
  get no finding. False alarms: findings of the kind's rules on the clean
  corpora (clean/bbc, clean/modern), as they are and relaid one
  paragraph a line.
- Pages (boilerplate/dev.jsonl, the 8 pages whose text repeats another's
  left out): every page as blank-line paragraphs and one block a line, all
  BOIL rules. Recall is over gold `drop` lines inside the article's region:
  "literal" runs from the first `keep` line to three lines past the last;
  "main" does the same for the largest group of `keep` lines (a group ends
  where two `keep` lines are more than 50 lines apart), which leaves out
  a page title or a footer link the gold kept far from the article.
  Precision counts `keep` and `unsure`
  lines as wrong. The flagged lines the gold keeps are listed.

    python bench/acc_debris.py          # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from common import corpora_dir, line_starts, pct, short

from lint.api import check_text

REGION_TAIL = 3
REGION_GAP = 50

P = "The council voted on Tuesday to close the library on Elm Street, citing a budget shortfall of $2 million."
Q = "Residents who opposed the plan said they would appeal the decision to the state's housing board next month."
R = "The mayor said the building would be sold and the money spent on the two branches that remain open."

# kind -> (codes, cases, look-alikes). A case is (text, [debris...]): every
# piece of debris must lie inside a finding of one of the codes. Paragraphs
# are set apart by blank lines; each case also runs one paragraph a line.
KINDS: dict[str, tuple[list[str], list[tuple[str, list[str]]], list[str]]] = {
    "cluster of short lines among debris (BOIL015)": (["BOIL015"], [
        (f"{P}\n\nShare this:\n\nReddit\n\nRelated stories\n\nMayor names new housing chief\n\nBus fares to rise in April\n\nLeave a Reply",
         ["Mayor names new housing chief", "Bus fares to rise in April"]),
        (f"{P}\n\n{Q}\n\nRecent Posts\n\nCity hall opens weekend hours\n\nHow the library budget was cut\n\nOlder Post",
         ["City hall opens weekend hours", "How the library budget was cut"]),
        (f"{P}\n\nMost Discussed\n\nWhy the library closed\n\nWhat the vote means for Elm Street\n\nAdvertisement\n\n{Q}",
         ["Why the library closed", "What the vote means for Elm Street"]),
        (f"{P}\n\n{Q}\n\nLike this:\n\nLike Loading...\n\nRelated\n\nLibrary vote set for Tuesday\n\nIn \"Local news\"",
         ["Library vote set for Tuesday", "In \"Local news\""]),
        (f"{P}\n\n{Q}\n\nTags: library, budget\n\nCity Hall\n\nElm Street\n\nPrint\n\nEmail",
         ["City Hall", "Elm Street"]),
        (f"{P}\n\nSHARES\n\nFacebook\n\nTwitter\n\nPinterest\n\n{Q}", ["SHARES"]),
        (f"{P}\n\n{Q}\n\nLeave a Reply\n\nMarch 3, 2020\n\nReply\n\n3 comments", ["March 3, 2020"]),
        (f"{P}\n\nYou may also like\n\nThe best parks in the city\n\nWhere to eat near Elm Street\n\nSubscribe\n\n{Q}",
         ["The best parks in the city", "Where to eat near Elm Street"]),
        # From boilerplate/dev.jsonl (yahoo-2): a related box after the story.
        (f"{P}\n\n{Q}\n\nWhat to Read Next\n\nRussia says foreign spies plan cyber attack on banking system\n\nReuters\n\n"
         "EU leader expects bloc to extend sanctions on Russia in 2017\n\nAssociated Press",
         ["Russia says foreign spies plan cyber attack on banking system",
          "EU leader expects bloc to extend sanctions on Russia in 2017", "Associated Press"]),
        # From boilerplate/dev.jsonl (blogs.wsj.com): tags and post links around navigation.
        (f"{P}\n\n{Q}\n\nAzerbaijan, Baku, natural gas\n\n« Previous\n\nEU Looks to Scare Smokers\n\nNext »\n\nNaming the Euro-Zone Debt Crisis",
         ["EU Looks to Scare Smokers", "Naming the Euro-Zone Debt Crisis"]),
        (f"{P}\n\n▶\n\n{Q}", ["▶"]),
        # From boilerplate/dev.jsonl (firefox-nightly-blog, lifehacker, blogs.wsj.com): a listing of posts,
        # each title over its date; a teaser cut off in mid-sentence; a list of tags, one a line.
        (f"{P}\n\n{Q}\n\nRecent articles\n\nLibrary hours extended for the summer\n\nDecember 17, 2021\n\n"
         "City hall opens weekend hours\n\nDecember 7, 2021\n\nBus fares to rise in April\n\nNovember 18, 2021",
         ["Library hours extended for the summer", "City hall opens weekend hours", "Bus fares to rise in April"]),
        (f"{P}\n\nRelated stories\n\nHow stores shape what you buy\n\n"
         "When you walk into almost any store, you are overloaded with sights, sounds,…\n\nRead more\n\n{Q}",
         ["How stores shape what you buy", "When you walk into almost any store, you are overloaded with sights, sounds,…"]),
        (f"{P}\n\n{Q}\n\nFrance,\n\nGypsies,\n\nNicolas Sarkozy,\n\nRoma,\n\nViviane Reding\n\n« Previous",
         ["France,", "Gypsies,", "Nicolas Sarkozy,"]),
    ], [
        f"Library to close\n\n{P}\n\nWhat happens next\n\n{Q}\n\n{R}",
        f"{P}\n\nAdvertisement\n\nThe road to recovery\n\n{Q}",
        f"{P}\n\nThe tour dates are:\n\nJune 9 -- Coral Sky Amphitheatre, West Palm Beach, FL\n\n"
        "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL\n\nJune 14 -- Ameris Bank Amphitheatre, Alpharetta, GA\n\n"
        "Share this:\n\nFacebook",
        f"Library to close on Elm Street\n\nBy Jane Doe\n\n{P}\n\n{Q}",
        f"{P}\n\nIngredients\n\n2 cups flour\n\n1 tsp salt\n\n3 eggs\n\nPrint\n\n{Q}",
        # The story's headline under its author and date, among share buttons; a writer's trailing ellipsis.
        f"Share this:\n\nReddit\n\nJane Doe\n\nMarch 3, 2020\n\nLibrary to close on Elm Street\n\n{P}",
        f"{P}\n\nAdvertisement\n\nShare this:\n\nShe said she would think about it and decide in the morning...\n\n{Q}",
    ]),
    "embedded social post (BOIL014)": (["BOIL014", "BOIL015"], [
        (f"{P}\n\nThe library's closure was announced by the city: \n\nWe regret to say the Elm Street branch closes on Friday.\n\n"
         f"— City of Springfield (@springfieldcity) March 4, 2022\n\n4,101 Retweets 9,230 Likes\n\n{Q}", ["4,101 Retweets 9,230 Likes"]),
        (f"{P}\n\nWe regret to say the Elm Street branch closes on Friday.\n\n11:22 PM - 19 Oct 2016\n\n{Q}", ["11:22 PM - 19 Oct 2016"]),
        (f"{P}\n\nWe regret to say the Elm Street branch closes on Friday.\n\n11:22 PM · Oct 19, 2016\n\n{Q}", ["11:22 PM · Oct 19, 2016"]),
        (f"{P}\n\npic.twitter.com/U7PMa4oNGN\n\n{Q}", ["pic.twitter.com/U7PMa4oNGN"]),
        (f"{P}\n\nView this post on Instagram\n\n{Q}", ["View this post on Instagram"]),
        (f"{P}\n\nhttps://t.co/y5Wn5UBP8S\n\n{Q}", ["https://t.co/y5Wn5UBP8S"]),
        (f"{P}\n\n1.2K Retweets\n\n{Q}", ["1.2K Retweets"]),
        (f"{P}\n\nTwitter Ads info and privacy\n\n{Q}", ["Twitter Ads info and privacy"]),
    ], [
        # The quoted post and its attribution stay (from dev.jsonl, theverge.com).
        f"{P}\n\nNotice the warping of the line across both the eyes and nose. pic.twitter.com/U7PMa4oNGN\n\n"
        f"— Dave Schukin (@schukin) July 3, 2019\n\n{Q}",
        f"{P}\n\nThe post drew 4,101 retweets and 9,230 likes within an hour.\n\n{Q}",
        f"{P}\n\nThe meeting ran from 11:22 PM to midnight.\n\n{Q}",
    ]),
    "video player and image viewer (BOIL013)": (["BOIL013"], [
        (f"{P}\n\nPlay Video\n\n0:00 / 1:10\n\n{Q}", ["Play Video", "0:00 / 1:10"]),
        (f"{P}\n\nCopy this code to your website\n\n{Q}", ["Copy this code to your website"]),
        (f"{P}\n\nEnlarge this image\n\n{Q}", ["Enlarge this image"]),
        (f"{P}\n\n1 of 12\n\n{Q}", ["1 of 12"]),
        # From boilerplate/dev.jsonl (c50845a7158af12e, cnet, wapo-1).
        (f"{P}\n\nImage 3 of 5\n\n{Q}", ["Image 3 of 5"]),
        (f"{P}\n\n0:07 / 0:15\n\n{Q}", ["0:07 / 0:15"]),
        (f"{P}\n\nView Gallery »\n\nImage\n\n{Q}", ["View Gallery »", "Image"]),
        (f"{P}\n\nReplay\n\nDuration 0:45\n\n{Q}", ["Replay", "Duration 0:45"]),
        (f"{P}\n\nView all (23)\n\n{Q}", ["View all (23)"]),
        (f"{P}\n\nToggle caption\n\n{Q}", ["Toggle caption"]),
    ], [
        f"{P}\n\nThe vote was 1 of 12 items on the agenda, and the last.\n\n{Q}",
        f"{P}\n\nVideo\n\n{Q}",
        f"{P}\n\nPlay\n\n{Q}",
        f"{P}\n\nThe council met at 7:30 and adjourned at 9:15.\n\n{Q}",
    ]),
    "glued continuation marker (BOIL016)": (["BOIL016"], [
        (f"{P} Story continues below advertisement\n\n{Q}", ["Story continues below advertisement"]),
        (f"Story continues below advertisement {P}\n\n{Q}", ["Story continues below advertisement"]),
        (f"{P} Story continues below advertisement {Q}", ["Story continues below advertisement"]),
        (f"{P} Continued below...\n\n{Q}", ["Continued below..."]),
        (f"{P} Continue reading the main story\n\n{Q}", ["Continue reading the main story"]),
        (f"{P}\n\nArticle continues below {Q}", ["Article continues below"]),
    ], [
        f"{P} The story continues below the fold, the editor said.\n\n{Q}",
        f"{P}\n\nStory continues to develop as officials meet.\n\n{Q}",
        f"{P}\n\nStory continues below advertisement\n\n{Q}",  # a line of its own is BOIL004's
    ]),
    "orphan ending (BOIL017)": (["BOIL017"], [
        (f"{P}\n\n{Q}\n\nKey points include:", ["Key points include:"]),
        (f"{P}\n\n{Q} [More…]", ["[More…]"]),
        (f"{P}\n\n{Q}\n\n[Read more]", ["[Read more]"]),
        (f"{P}\n\n{Q} (more...)", ["(more...)"]),
        (f"{P}\n\n{Q}\n\nHere is the full statement:", ["Here is the full statement:"]),
    ], [
        f"{P}\n\nKey points include:\n\n- a new roof\n\n- longer hours\n\n{Q}",
        f"{P}\n\n{Q} (More)",
        f"{P}\n\n{Q}\n\n{R}",
    ]),
    "sentence glued to the one before (PUNC006)": (["PUNC006"], [
        (f"{P} The protesters said the council ignored what they want.The mayor declined to comment.", ["want.The"]),
        (f"{P} Was it over?Then the vote came.", ["over?Then"]),
        (f'{P} "We will appeal."The board meets in May.', ['appeal."The']),
        (f"{P} It passed on Wednesday.The council then adjourned.", ["Wednesday.The"]),
        # From the clean corpora (bbc/tech_301, modern/e372e42c0a3df7b8).
        ("It was found on the website.He said the site had been taken down.", ["website.He"]),
        ("The man worked as a chief physician.Police arrested a 57-year-old suspect.", ["physician.Police"]),
    ], [
        f"{P} The U.S. team met e.g. at 3.5 p.m. in Washington, D.C. on Node.js and Amazon.com.",
        f"{P} J.R.R. Tolkien wrote it. Call mod.Bar() or visit www.Example.com or Halo.Bungie.Org now.",
        f"{P} Shares of One.Tel fell. Email Sarah.Needleman@wsj.com for more.",
    ]),
    "phrase written twice (DUP005)": (["DUP005"], [
        (f"{P} The results have been highly have been highly encouraging.", ["have been highly have been highly"]),
        (f"{P} It fell within the remit of the of the draft bill.", ["of the of the"]),
        ("Fletcher has recently graduated from graduated from the University of East Anglia.", ["graduated from graduated from"]),
        ("He has been unhappy with the way the government have treated him since him since he defected.", ["him since him since"]),
        (f"{P} The new rules take effect next year take effect next year in all states.",
         ["take effect next year take effect next year"]),
    ], [
        f"{P} It keeps going stronger and stronger and I expect that to continue.",
        f"{P} He has dealt with this time and time and time again, he said.",
        f"{P} Prices drop, and more and more people switch. The argument goes on and on and on.",
        f"{P} It gets to the heart of what really makes a gadget a gadget.",
        f"{P} She screamed \"no no no no\" until someone came.",
        f"{P} He guided the Tigers to back to back Heineken Cup wins.",
    ]),
    "headline written twice (DUP006)": (["DUP006"], [
        (f"Library on Elm Street to close\n\nLibrary on Elm Street to close\n\n{P}\n\n{Q}", ["Library on Elm Street to close"]),
        (f"Library on Elm Street to close\n\nLibrary on Elm Street to close.\n\n{P}", ["Library on Elm Street to close."]),
        (f"Library on Elm Street to close\n\nLibrary on Elm Street to close {P}", ["Library on Elm Street to close"]),
        (f"LIBRARY TO CLOSE\n\nBy Jane Doe\n\nLibrary to close\n\n{P}", ["Library to close"]),
    ], [
        f"Library to close\n\nThe library will close, the council said on Tuesday.\n\n{P}",
        f"Budget\n\nBudget talks resume on Monday after a week of delays.\n\n{P}",
        f"Library on Elm Street to close\n\n{P}\n\nLibrary on Elm Street to close",
    ]),
    "em dash lost to a question mark (PUNC002)": (["PUNC002"], [
        (f"{P} I am no Roy Cohn ? neither as aggressive nor as ruthless, he said.", ["?"]),
        (f"{P}\n\nMr Smith ? who had led the council for a decade ? resigned on Monday.", ["?"]),
        (f"{P}\n\nPrices rose ? sharply, in some cases ? after the storm.", ["?"]),
        (f"{P}\n\nHe said he was tired ? and that he would not run again.", ["?"]),
        (f"{P}\n\nThe library ? the oldest in the county ? will close in June.", ["?"]),
    ], [
        f"{P}\n\nWho would pay? the residents asked.",
        f"{P}\n\n\"Is it over?\" she asked.",
        f"{P}\n\nWhat next? Nobody knows.",
        f"{P}\n\nThe query string ?id=5 was logged.",
        f"{P}\n\nWill the branch reopen? Not this year, the mayor said.",
    ]),
    "caption with the credit first or last (CAP001)": (["CAP001"], [
        (f"{P}\n\nBoston Herald / Polaris Firefighters douse the remains of a house in Dorchester on Sunday.\n\n{Q}",
         ["Boston Herald / Polaris Firefighters douse the remains of a house in Dorchester on Sunday."]),
        (f"{P}\n\nLucy Nicholson / Reuters A protester holds a sign outside the courthouse in Los Angeles.\n\n{Q}",
         ["Lucy Nicholson / Reuters A protester holds a sign outside the courthouse in Los Angeles."]),
        (f"{P}\n\nStudents gather outside the school in Brooklyn in August 2015. Sandra Lilley, NBC News\n\n{Q}",
         ["Students gather outside the school in Brooklyn in August 2015. Sandra Lilley, NBC News"]),
        # From boilerplate/dev.jsonl (en-train pages): a credit line of its own.
        (f"{P}\n\nAl Goldis, Associated Press\n\n{Q}", ["Al Goldis, Associated Press"]),
        (f"{P}\n\nMeg Kinnard and Errin Haines, Associated Press\n\n{Q}", ["Meg Kinnard and Errin Haines, Associated Press"]),
    ], [
        f"{P}\n\nThe plan, drafted by John Smith, was reported by NBC News.\n\n{Q}",
        f"{P}\n\nHe spoke to John Smith, NBC News\n\n{Q}",
        f"{P}\n\nIncome / Expenses Both rose last year.\n\n{Q}",
    ]),
    "new line patterns: stamps, bylines, counters, tags (BOIL001-BOIL012)": (
        ["BOIL001", "BOIL002", "BOIL003", "BOIL004", "BOIL005", "BOIL006", "BOIL011", "BOIL012"], [
            (f"Library to close\n\nPublished 22 hours ago\n\n{P}", ["Published 22 hours ago"]),
            (f"Library to close\n\nUpdated: Nov. 19, 2019, 7:10 p.m.\n\n{P}", ["Updated: Nov. 19, 2019, 7:10 p.m."]),
            (f"Library to close\n\n12:40 PM on 09/30/2012\n\n{P}", ["12:40 PM on 09/30/2012"]),
            (f"Library to close\n\nBy DANICA KIRKA and JILL LAWLESS\n\n{P}", ["By DANICA KIRKA and JILL LAWLESS"]),
            (f"{P}\n\nChris Hayes, @chrislhayes\n\n{Q}", ["Chris Hayes, @chrislhayes"]),
            (f"{P}\n\nRaju Narisetti, Managing Editor\n\n{Q}", ["Raju Narisetti, Managing Editor"]),
            (f"{P}\n\n193 claps\n\n{Q}", ["193 claps"]),
            (f"{P}\n\nView comments (27)\n\n{Q}", ["View comments (27)"]),
            (f"{P}\n\n75 with 51 posters participating\n\n{Q}", ["75 with 51 posters participating"]),
            (f"{P}\n\nTags:silent movies, vaudeville\n\n{Q}", ["Tags:silent movies, vaudeville"]),
            (f"{P}\n\nMore in Minnesota Wild\n\n{Q}", ["More in Minnesota Wild"]),
            (f"{P}\n\nAds via The Deck\n\n{Q}", ["Ads via The Deck"]),
            (f"{P}\n\nGet the Medium app\n\n{Q}", ["Get the Medium app"]),
            (f"{P}\n\nReblog\n\n{Q}", ["Reblog"]),
            # From boilerplate/dev.jsonl (blogs.wsj.com, pcgamer.com, c467d507551a836e, 4a44ab3e4c41d56c).
            (f"{P}\n\nReal Time Brussels HOME PAGE »\n\n{Q}", ["Real Time Brussels HOME PAGE »"]),
            (f"{P}\n\nWe welcome thoughtful comments from readers. Please comply with our guidelines.\n\n{Q}",
             ["We welcome thoughtful comments from readers. Please comply with our guidelines."]),
            (f"{P}\n\nWhen you buy through links on our site, we may earn an affiliate commission.\n\n{Q}",
             ["When you buy through links on our site, we may earn an affiliate commission."]),
            (f"{P}\n\nYou must log in to post a comment.\n\n{Q}", ["You must log in to post a comment."]),
            (f"{P}\n\nLike this story? Share it with a friend!\n\n{Q}", ["Like this story? Share it with a friend!"]),
            (f"Library to close\n\nPublished:Tuesday | April 26, 2022 | 9:52 PM\n\n{P}",
             ["Published:Tuesday | April 26, 2022 | 9:52 PM"]),
        ], [
            f"By Christmas, prices had doubled.\n\n{P}",
            f"{P}\n\nBy contrast\n\n{Q}",
            f"{P}\n\nMarch 25, 2015\n\n{Q}",
            f"{P}\n\nUpdated figures show a rise of 3% in March.\n\n{Q}",
            f"{P}\n\nMore from Mr Smith later in the programme.\n\n{Q}",
            f"{P}\n\nLabel withdraws McFadden's video\n\n{Q}",
            f"{P}\n\nWe welcome comments from the public until May 5, the council said.\n\n{Q}",
            f"{P}\n\nThe agency may earn a commission of 5% on each sale, the report said.\n\n{Q}",
            f"{P}\n\nRedesigning the home page\n\n{Q}",
        ]),
}


# A kind that is one finding of a rule with several: only findings whose
# message holds this count for it (PUNC002 also reports stray spaces).
MESSAGE = {"em dash lost to a question mark (PUNC002)": "between words"}


def _one_a_line(text: str) -> str:
    return text.replace("\n\n", "\n")


def _covered(text: str, spans: list[tuple[int, int]], piece: str) -> bool:
    """Does a finding cover an occurrence of `piece` (any: a repeated
    headline's second copy is the one flagged)?"""
    start = text.find(piece)
    while start >= 0:
        if any(s <= start and start + len(piece) <= e for s, e in spans):
            return True
        start = text.find(piece, start + 1)
    return False


def measure_kinds(corpora: Path) -> tuple[list[tuple[str, Counter]], list]:
    from accuracy import load_judged

    judged = load_judged()
    unjudged = []
    clean = sorted((corpora / "clean").glob("*/*.txt"))
    clean_texts = [p.read_text(encoding="utf-8") for p in clean]
    out = []
    for kind, (codes, cases, lookalikes) in KINDS.items():
        c = Counter()
        message = MESSAGE.get(kind, "")

        def findings(t: str, **kw) -> list:
            return [d for d in check_text(t, "text", select=codes, **kw) if message in d.message]

        for layout, relay in (("blank", lambda t: t), ("one", _one_a_line)):
            for text, pieces in cases:
                t = relay(text) + "\n"
                spans = [(d.start, d.end) for d in findings(t)]
                c[(layout, "cases")] += 1
                c[(layout, "found")] += all(_covered(t, spans, relay(p)) for p in pieces)
            for text in lookalikes:
                t = relay(text) + "\n"
                c[(layout, "lookalikes")] += 1
                c[(layout, "lookalikes flagged")] += bool(findings(t))
        for path, text in zip(clean, clean_texts):
            rel = path.relative_to(corpora / "clean").as_posix()
            for layout, t in (("blank", text), ("one", "\n".join(p.strip() for p in text.split("\n\n") if p.strip()) + "\n")):
                found = [d for d in findings(t, path=rel) if d.severity.value != "info"]
                c[(layout, "clean")] += len(found)
                if layout == "blank":
                    for d in found:
                        verdict = judged.get((rel, d.code, d.start), ("", ""))[1]
                        c["judged real"] += verdict == "real"
                        if verdict != "real":
                            unjudged.append((kind, rel, d.code, short(t[max(0, d.start - 40) : d.end + 40], 120)))
        c["articles"] = len(clean_texts)
        out.append((kind, c))
    return out, unjudged


# -- pages ----------------------------------------------------------------------

def _pages(corpora: Path):
    from acc_boilerplate import pages

    seen = set()
    for page, lines, labels in pages(corpora):
        if page["text"] in seen:
            continue
        seen.add(page["text"])
        yield page, [" ".join(x.split()) for x in lines], labels


def regions(labels: list[str | None]) -> dict[str, range]:
    keep = [i for i, label in enumerate(labels) if label == "keep"]
    if not keep:
        return {"literal": range(0), "main": range(0)}
    groups, group = [], [keep[0]]
    for a, b in zip(keep, keep[1:]):
        if b - a > REGION_GAP:
            groups.append(group)
            group = []
        group.append(b)
    groups.append(group)
    main = max(groups, key=len)
    end = len(labels)
    return {"literal": range(keep[0], min(keep[-1] + REGION_TAIL + 1, end)),
            "main": range(main[0], min(main[-1] + REGION_TAIL + 1, end))}


def flagged_lines(lines: list[str], sep: str) -> dict[int, str]:
    text = sep.join(lines) + "\n"
    starts = line_starts(lines, sep)
    found: dict[int, str] = {}
    for d in check_text(text, "text", select=["BOIL"]):
        first, last = bisect_right(starts, d.start) - 1, bisect_right(starts, max(d.end - 1, d.start)) - 1
        for i in range(first, last + 1):
            if lines[i]:
                found.setdefault(i, d.code)
    return found


def measure_pages(corpora: Path) -> tuple[dict[str, Counter], dict[str, Counter], list]:
    by_layout: dict[str, Counter] = {}
    by_rule: dict[str, Counter] = defaultdict(Counter)
    kept = []
    for page, lines, labels in _pages(corpora):
        region = regions(labels)
        for layout, sep in (("blank lines", "\n\n"), ("one a line", "\n")):
            c = by_layout.setdefault(layout, Counter())
            flagged = flagged_lines(lines, sep)
            for i, label in enumerate(labels):
                if not lines[i]:
                    continue
                hit = i in flagged
                c[label] += 1
                if hit:
                    c[("flagged", label)] += 1
                    if layout == "one a line":
                        by_rule[flagged[i]][label] += 1
                    if label == "keep" and layout == "one a line":
                        kept.append((page["id"], i + 1, flagged[i], lines[i]))
                if label == "drop":
                    for name, r in region.items():
                        if i in r:
                            c[(name, "drop")] += 1
                            c[(name, "found")] += hit
        by_layout.setdefault("pages", Counter())["n"] += 1
    return by_layout, by_rule, kept


def run(corpora: Path) -> list[str]:
    kinds, unjudged = measure_kinds(corpora)
    pages, by_rule, kept = measure_pages(corpora)
    n_pages = pages.pop("pages")["n"]
    out = ["### Web debris by kind", "",
           "Recall on cases written for each kind (found / cases, as blank-line paragraphs and one paragraph a line),",
           "look-alikes flagged, and findings at warning or error on the clean corpora (2,386 articles, as they are",
           "and one paragraph a line; in brackets, those bench/judged_findings.tsv judges real defects).", "",
           "| kind | rules | recall, blank lines | recall, one a line | look-alikes flagged | clean findings (as is / one a line) |",
           "|---|---|---|---|---|---|"]
    for kind, c in kinds:
        codes = KINDS[kind][0]
        rules = ", ".join(codes) if len(codes) <= 3 else f"{codes[0]}–{codes[-1]}"
        out.append(f"| {kind} | {rules} | {c[('blank', 'found')]} / {c[('blank', 'cases')]} | "
                   f"{c[('one', 'found')]} / {c[('one', 'cases')]} | "
                   f"{c[('blank', 'lookalikes flagged')] + c[('one', 'lookalikes flagged')]} / "
                   f"{c[('blank', 'lookalikes')] + c[('one', 'lookalikes')]} | "
                   f"{c[('blank', 'clean')]} ({c['judged real']} real) / {c[('one', 'clean')]} |")
    out += ["", f"Clean-corpus findings of these kinds not judged real yet ({len(unjudged)}); judge each:", ""]
    out += [f"- {kind.split(' (')[0]}: `{rel}` {code}: {text}" for kind, rel, code, text in unjudged] or ["- none"]
    out += ["", f"BOIL on the boilerplate pages ({n_pages} pages), inside the article's region:", "",
            "| layout | lines flagged | precision | precision, `keep` only | recall in region (literal) | recall in region (main group) |",
            "|---|---|---|---|---|---|"]
    for layout, c in pages.items():
        labelled = c[("flagged", "drop")] + c[("flagged", "keep")] + c[("flagged", "unsure")]
        flagged = labelled + c[("flagged", None)]
        out.append(f"| {layout} | {flagged} | {pct(c[('flagged', 'drop')], labelled)} | "
                   f"{pct(c[('flagged', 'drop')], c[('flagged', 'drop')] + c[('flagged', 'keep')])} | "
                   f"{pct(c[('literal', 'found')], c[('literal', 'drop')])} ({c[('literal', 'drop')]} lines) | "
                   f"{pct(c[('main', 'found')], c[('main', 'drop')])} ({c[('main', 'drop')]} lines) |")
    out += ["", "Per rule, one a line (drop / keep / unsure / unlabelled lines flagged):", "",
            "| rule | drop | keep | unsure | unlabelled |", "|---|---|---|---|---|"]
    for code in sorted(by_rule):
        r = by_rule[code]
        out.append(f"| {code} | {r['drop']} | {r['keep']} | {r['unsure']} | {r[None]} |")
    out += ["", f"Flagged lines the gold keeps, one a line ({len(kept)}); many are debris the gold text kept",
            "(bylines, \"Image\", \"Continue reading the main story\"). Judge each:", ""]
    out += [f"- `{pid[:24]}` line {n} ({code}): {short(text, 100)}" for pid, n, code, text in kept] or ["- none"]
    return out


if __name__ == "__main__":
    print("\n".join(run(corpora_dir())))

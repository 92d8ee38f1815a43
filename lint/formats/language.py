"""Which language a text is in, from how many of its words are the
commonest function words of English, German, French, Spanish, Italian,
Dutch and Portuguese (and whether its letters are mostly not Latin).

No model and no dependency: a text becomes one byte per function word
(translate and split run in C), and each language's count is a
bytes.translate().count() away. is_foreign runs at about 90 MB/s over
English paragraphs (most pass its the/of/and/to fast path) and 7 MB/s over
foreign ones; classify alone at about 26 MB/s (py3langid: 2 to 4 MB/s).

- A document's language: that of its first 2,000 characters of prose
  when they are plainly in another language (is_foreign), else English.
- A paragraph is plainly in another language (is_foreign) when one of the
  six has at least two function words of its own (not shared with English:
  "a", "in", "no" do not count), at least twice the English ones plus one,
  a fifth of all words, and at least 40% of the words start lower-case (a
  team line-up of names is not French); or its letters are mostly not
  Latin. There is no length threshold: two words of its own hold a short
  line back.

Measured by `python bench/acc_language.py` (figures in docs/accuracy.md):
no English paragraph of the 2,386 clean articles (16,544 prose paragraphs)
is called foreign (py3langid limited to the seven languages calls 410 of
them foreign; as it ships, 1,013 not English); of 56,010 paragraphs of at
least 12 words in the six languages (Debian's translated man pages and
fortunes) 97.4% are called foreign and 97.1% get their language (py3langid
limited to the seven: 99.4%). The misses are short or
technical: licence and help lines with one word of their own, translator
credits full of names and addresses, option lists where identifiers crowd
out the function words, German with capitalised nouns and terms under the
40% lower-case bar, and text still in English in the translated pages.
1,899 of the 1,939 source files read as whole documents get their language.
"""

from __future__ import annotations

import re
from itertools import repeat

from ..speed.patterncache import compile_re

# Function words, roughly the top of each language's frequency list, minus
# words that are also common in English news ("a", "in", "is", "was", "on",
# "as", "no", "me", "do", "per", "come", "so", "an", "will", "man", "over"...);
# those are listed in _SHARED below instead.
_WORDS = {
    "en": """the of and to a in that is was he for it with as his on be at by i this had not
        are but from or have an they which one you were her all she there would their we him
        been has when who will no more if out so up said what its about into than them can only
        other some could these two may then do first any my now such like our over me even most
        made after also did many before must through back years where much your way well down
        should because each just those people how too very us while last being both between
        against under since during without again off here why however another same it's does
        don't says say year new it' don' didn' doesn' isn' wasn'
        won' can' we' they' he' she' i' that' there' what' who'""",
    "de": """der die und den von zu das mit sich des auf für ist im dem nicht ein eine als auch
        es werden aus er hat dass sie nach wird bei einer um sind noch wie einem über einen
        zum haben nur oder aber vor zur bis mehr durch sein wurde sei hatte kann gegen vom
        können schon wenn habe seine ihre dann unter wir soll ich eines jahr jahren diese
        dieser wieder keine seiner worden zwischen immer sagte gibt alle diesem seit muss
        wurden beim doch jetzt weil sowie ihr ihrer denn damit geht nun etwa neue viele
        prozent uns sehr ohne hier ob nicht allem bereits sollen wollen kein mich mir""",
    "fr": """le la les de des du un une et est en à que qui dans pour pas au sur par ne se plus
        il elle ce avec sa ses sont aux ont été être mais ou nous vous ils leur leurs cette
        comme lui tout tous fait était avait entre aussi même après sans peut deux très depuis
        selon contre alors dont encore bien avant autres moins notre je où quand chez non ces
        qu' l' d' c' n' j' s' ans lors fois dont cela ça celui celle sous déjà""",
    "es": """de la que el en y los se del las un por con una su para es al lo como más pero
        sus le ha sin sobre este ya entre cuando todo esta ser son dos también fue había era
        muy años hasta desde está porque qué sólo solo han yo hay vez puede todos así nos ni
        tiene él uno donde otro después otros aunque esa eso hace otra durante siempre ella
        tres dijo sido según menos año antes estado contra sino estaba poco estos ante unos
        les algo hacia ellos ayer mientras además quien millones esto hoy mejor nuevo tras""",
    "it": """di e il la che per un è non una del con della le si da al sono anche lo gli ma
        più nel alla dei ha delle su se ci ne questo dalla era nella sua suo loro essere tra
        stato quando degli dopo cui sul tutti fare questa ancora sulla aveva solo prima molto
        due hanno anni già dal nei può poi tutto fatto così ora sempre senza quella noi
        quello secondo perché alle stati dello agli nelle contro mentre uno ed cosa l' d'
        un' dell' all' nell' sull' dall' oggi ieri circa essere viene sia abbiamo""",
    "nl": """de en van het een dat op te zijn met voor niet die aan er om ook als dan maar bij
        of uit nog wel naar kan door ze zich hij wat heeft worden werd wordt meer geen deze
        hun jaar twee tot tegen zou veel moet onder nu dit tussen wij zij haar ik waren hebben
        heb zo dus omdat toen waar kunnen gaat mensen moeten zegt volgens alleen andere eerste
        nieuwe zal ons sinds altijd komt weer na al nog niets jaren miljoen""",
    "pt": """de o que e da em um para é com não uma os se na por mais dos como mas foi ao ele
        das tem à seu sua ou ser quando muito há nos já está também só pelo pela até isso ela
        entre era depois sem mesmo aos ter seus quem nas esse eles estão você tinha foram essa
        num nem suas às têm numa pelos elas havia seja qual será nós lhe deles este fosse dele
        esta estes estas isto ainda anos segundo sobre milhões disse vai pode são""",
}

# Words that are function words in both English and the other language
# ("a" in pt/es/it, "in" in de/nl/it, "no" in es/pt...): they count for
# English, but when English is weighed against that language they count for
# the other language instead.
_SHARED = {
    "de": "in an so was will man am war also",
    "fr": "a on me son",
    "es": "a no me he son",
    "it": "a in no me come per ad i",
    "nl": "in is was over we hem so",
    "pt": "a as no do o me",
}

LANGS = tuple(_WORDS)
FOREIGN = LANGS[1:]


def _build():
    langs_of, shared_of = {}, {}
    for lang, ws in _WORDS.items():
        for w in ws.split():
            w = w.replace("\u2019", "'")
            have = langs_of.get(w, ())
            if "en" in have:
                continue  # an English word never counts for another language
            langs_of[w] = ("en",) if lang == "en" else have + (lang,)
    for lang, ws in _SHARED.items():
        for w in ws.split():
            shared_of[w] = shared_of.get(w, ()) + (lang,)
    # capitalised name particles (Del Fava, De Marigny, Le Monde, Die Welt, Van
    # Persie, Dos Santos) are names in English copy: only their lowercase form counts
    particles = set("de del della di da dal dos das do van von der den die le la les "
                    "el los las du des dei het".split())
    # one small integer code (1..255) per distinct (languages, shared-with) class
    classes, vocab = {(("en",), ()): 1}, {}
    for w, ls in langs_of.items():
        key = (ls, shared_of.get(w, ()))
        code = classes.setdefault(key, len(classes) + 1)
        vocab[w] = code
        # no upper-case forms: UN, LA, NI, DE, EL are acronyms in English copy
        # (an all-caps text is lower-cased before counting instead)
        if w not in particles and len(w.rstrip("'")) > 1:
            vocab[w.capitalize()] = code   # Sie, Nous
        elif w == "i" or (len(w) == 1 and "en" in ls):
            vocab[w.upper()] = 1   # "I", "A": English; never "E"/"O"/"D'" initials
    assert len(classes) < 256
    return vocab, {code: key for key, code in classes.items()}, {p.capitalize() for p in particles}


VOCAB, CLASSES, _PARTICLE_CAP = _build()
# For each language, a bytes.translate table mapping a class code to 1 when
# the class counts for that language (HITS) or is shared with English (SHARED):
# packed.translate(table).count(1) then tallies a whole text in C.
_HITS = {lang: bytes(int(lang in CLASSES.get(c, ((), ()))[0]) for c in range(256)) for lang in LANGS}
_SHARED_T = {lang: bytes(int(lang in CLASSES.get(c, ((), ()))[1]) for c in range(256)) for lang in FOREIGN}
_ANY_SHARED = bytes(int(bool(CLASSES.get(c, ((), ()))[1])) for c in range(256))
_PUNCT = '!"$%&()*+,./:;<=>?[\\]^`{|}~\u201c\u201d\u2018\u00ab\u00bb\u201e\u2026\u2013\u2014\u00b7\u2022\u00bf\u00a1'
_TABLE = str.maketrans({c: " " for c in _PUNCT})   # 1:1 mapping keeps translate fast
_LETTER = compile_re(r"[^\W\d_]")
_WORD = compile_re(r"[^\W\d_]+")
_NON_LATIN = compile_re(r"[^\W\d_a-zA-Z\u00c0-\u024f]")


def count(text):
    """(n_tokens, packed): packed holds one class-code byte per function word.
    A document's counts are its paragraphs' added up (n) and concatenated (packed)."""
    if text.isupper():
        text = text.lower()
    if "'" in text or "\u2019" in text:   # l'équipe -> "l'" "équipe"
        text = text.replace("\u2019", "'").replace("'", "' ")
    tokens = text.translate(_TABLE).split()
    # a capitalised article opening the text is an article, not a name particle,
    # when a lowercase word follows (La ministre..., but not La Liga, Le Pen) or
    # it is German (Der Prozess..., where nouns are capitalised anyway)
    if tokens and tokens[0] in _PARTICLE_CAP and (
            tokens[0] in ("Der", "Die", "Das") or len(tokens) > 1 and tokens[1][0].islower()):
        tokens[0] = tokens[0].lower()
    # token -> class code (0 = not a function word), packed into bytes: no
    # Python code runs per token
    return len(tokens), bytes(map(VOCAB.get, tokens, repeat(0))).replace(b"\0", b"")


def decide(n, packed, text=None):
    """(lang, hits_lang, hits_en, n, unique_lang): lang is 'en', a FOREIGN code,
    'und' (no function word) or 'xx' (mostly non-Latin letters; needs `text`).
    hits_lang counts the words English shares with lang; unique_lang does not."""
    if text is not None and len(packed) * 10 < max(n, 1) and not text.isascii():
        letters = len(_LETTER.findall(text))
        if letters and len(_NON_LATIN.findall(text)) * 2 > letters:
            return "xx", 0, 0, n, 0
    if not packed:
        return "und", 0, 0, n, 0
    en = packed.translate(_HITS["en"]).count(1)
    sh_any = packed.translate(_ANY_SHARED).count(1)
    if en - sh_any >= len(packed) - en + sh_any:   # English wins against any language
        return "en", en, en, n, 0
    best, hb, he, uniq = "en", -1, 0, 0
    for lang in FOREIGN:
        u = packed.translate(_HITS[lang]).count(1)
        sh = packed.translate(_SHARED_T[lang]).count(1)
        if u + sh > hb:
            best, hb, he, uniq = lang, u + sh, en - sh, u
    if he >= hb:
        return "en", en, en, n, 0
    return best, hb, he, n, uniq


def classify(text):
    n, codes = count(text)
    return decide(n, codes, text)


def is_foreign(text, min_hits=2, ratio=2.0, min_share=0.2, min_lower=0.4):
    """Plainly not English: a non-English language has at least `min_hits`
    function words of its own (not shared with English), at least `ratio` times
    the English ones plus one, they make up at least `min_share` of the tokens,
    and at least `min_lower` of the words start lower-case (not a line-up); or
    the text is mostly non-Latin letters."""
    if likely_english(text):
        return False
    lang, hb, he, n, uniq = classify(text)
    if lang == "xx":
        return True
    if lang in ("en", "und"):
        return False
    return (uniq >= min_hits and hb >= ratio * he + 1 and hb >= min_share * n
            and (min_lower <= 0 or lower_share(text) >= min_lower))


def likely_english(text):
    """Fast path (four C-level str.count scans): at least two of " the ", " of ",
    " and ", " to " and one per 80 characters. Passes ~90% of English bytes
    in the clean corpora and none of the foreign test texts."""
    k, enough = 0, max(2, -(-len(text) // 80))  # at least two, and one per 80 characters
    for word in (" the ", " of ", " and ", " to "):
        k += text.count(word)
        if k >= enough:  # the words not yet counted could only add to it
            return True
    return False


def lower_share(text):
    """Share of words starting with a lower-case letter: low for line-ups and
    name lists ("De Marigny; Mi Bergamasco, Canale"), high for prose in any of
    the seven languages. Only computed for texts that already look foreign."""
    words = _WORD.findall(text)
    return sum(w[0].islower() for w in words) / len(words) if words else 0.0


# -- the language of a document and of its paragraphs -----------------------------

_HTML_LANG = compile_re(r"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_FRONT_MATTER_LANG = compile_re(r"\A---\r?\n(?:.*\r?\n)*?(?:lang|language):\s*[\"']?([A-Za-z]{2,3})", re.MULTILINE)
_SAMPLE = 2000  # characters of prose that decide a document's language


def read_language(doc, setting: str | None = None) -> None:
    """Set `doc.language`: the `language` setting, else what an HTML `lang`
    or a Markdown front matter `lang:` declares, else what the prose reads
    as."""
    doc.language = setting or _declared(doc) or _detected(doc)


def paragraph_language(block) -> str | None:
    """The language of a paragraph of an English document plainly written in
    another one (a quoted statement, a reader's letter), else None."""
    return classify(block.text)[0] if block.prose and is_foreign(block.text) else None


def _declared(doc) -> str | None:
    head = doc.source[:_SAMPLE * 2]
    pattern = _HTML_LANG if doc.format == "html" else _FRONT_MATTER_LANG if doc.format == "markdown" else None
    m = pattern.search(head) if pattern else None
    return m.group(1).lower() if m else None


def _detected(doc) -> str:
    prose, size = [], 0
    for block in doc.blocks:
        if block.prose and size < _SAMPLE:
            prose.append(block.text)
            size += len(block.text)
    sample = "\n".join(prose)[:_SAMPLE]
    # The paragraph test's caution for the whole: a short English text of
    # "per" and "in" is not Italian.
    return classify(sample)[0] if is_foreign(sample) else "en"

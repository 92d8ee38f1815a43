"""BOIL018: a line of a site's template, recurring across a run's files."""

from __future__ import annotations

from ..core.model import Applicability, Fix, Severity
from ..core.recurring import candidates
from ..core.rule import Rule


class SiteTemplate(Rule):
    """
    ## What it does
    In a run over many files (a folder, a JSON Lines export, a Dask job),
    flags a paragraph that recurs word for word in at least 5 of the files
    and at least 2% of them: "% of readers think this story is Fact. Add
    your two cents.", "Please adhere to our commenting policy to avoid being
    banned". The message says in how many files (records, in JSON Lines)
    the paragraph is. A file checked alone, or a run of fewer than five
    files, gets no such finding. Off by default: it reads every file of
    the run twice (a survey, then the check); select it for archives and
    exports (`--extend-select BOIL018`).

    Every file the run reads counts, once: plain text, Markdown, HTML and
    Word, a plain text too long to lint whole as one file (surveyed window
    by window); in `check --jsonl` and `copydesk dask`, each record that
    can be checked. `check --watch` checks a file that changed as one of
    all the files it watches. The result cache keeps findings under the
    run's counts: a run whose counts change (a file added, a line edited
    away) checks every file again.

    ## Why it matters
    A scraper or a CMS export copies a site's template into every article:
    a poll, a commenting policy, a newsletter box in the site's own words.
    No phrase list knows every site's wording, but the repetition gives the
    template away: an article's own sentences are not in dozens of other
    articles.

    ## Example
    ```
    Please adhere to our commenting policy to avoid being banned.
    ```
    in 40 of the 1,200 articles of an archive is reported as "a line of the
    site's template: the same paragraph is in 40 of the 1,200 files checked".

    ## Fix safety
    Unsafe: a wire service's standing line ("The Associated Press
    contributed to this report.") recurs too and belongs to the article,
    and so does a columnist's line about the author (in 7 of the BBC
    corpus's 2,225 articles: under the threshold there, at it in a run of
    350 files or fewer that holds all seven). On 559 real web pages
    checked as one run, 14 of the 1,287 lines it flags are lines the gold
    text keeps: 12 "Continue reading the main story" and a post's headline
    that its blog's sidebar repeats on other pages. The fix removes the
    paragraph and its line break, nothing else.
    """

    code = "BOIL018"
    name = "boilerplate.site-template"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE
    default = False  # it asks a survey of the whole run first: selected for archives

    def check(self, doc):
        recurring = doc.recurring
        if not recurring:
            return
        for key, block in candidates(doc):
            n = recurring.files_holding(key)
            if n:
                yield self.diagnostic(
                    block.source_start, block.source_end,
                    f"a line of the site's template: the same paragraph is in {n:,} of the "
                    f"{recurring.files:,} {recurring.unit} checked",
                    Fix((doc.removal(block),), Applicability.UNSAFE))


RULES = [SiteTemplate]

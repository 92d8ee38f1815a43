"""The copydesk command line: check, fix, rules, explain."""

from __future__ import annotations

import codecs
import io
import os
import sys
import time
from contextlib import contextmanager
from functools import wraps
from pathlib import PurePath

import click

from . import __version__
from .core.model import Severity
from .formats import format_for
from .packs.pack import PackError
from .report import FORMATS, FileResult, renderer
from .report.text import render as render_text
from .ruledocs import rule_table
from .run import config, interrupt, output
from .run.config import ConfigError
from .run.files import InputError, decode, discover, replacing
from .run.linter import Linter
from .run.output import Output
from .run.registry import RegistryError, default_registry
from .run.runner import Job, Outcome, default_workers, run_jobs

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def _selectors(select, extend_select, ignore) -> dict:
    """The rule selection given on the command line, as Linter overrides."""
    return {"select": _split(select), "extend_select": _split(extend_select), "ignore": _split(ignore)}


def linter_options(func):
    """Options shared by `check` and `fix`."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path()),
        click.option("--select", multiple=True, help="Only these rules (codes, prefixes or names; comma-separated)."),
        click.option("--extend-select", multiple=True, help="Rules to add to the selection."),
        click.option("--ignore", multiple=True, help="Rules to leave out."),
        click.option("--fail-on", type=click.Choice([s.value for s in Severity]),
                     help="Lowest severity that makes the exit code 1 (default: warning)."),
        click.option("--stdin-filename", help="File name for text read from stdin (`-`); picks the format."),
        click.option("--html-scope", type=click.Choice(["article", "page"]),
                     help="Whole web pages: lint only the article (default) or the whole page."),
        click.option("--encoding", "encoding", metavar="NAME",
                     help="Read text files in this encoding (e.g. cp1252), not the one found."),
        click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: one per CPU)."),
        click.option("--no-cache", is_flag=True, help="Do not read or write .copydesk_cache."),
        click.option("--respect-gitignore/--no-respect-gitignore", default=None,
                     help="In folders, leave out what .gitignore, .ignore and .git/info/exclude list (default: on)."),
        click.option("--exit-zero", is_flag=True,
                     help="Exit 0 even when findings reach --fail-on (still 2 when copydesk itself fails)."),
    ]
    for option in reversed(options):
        func = option(func)

    @wraps(func)
    def run(**kwargs):
        overrides = _selectors(kwargs.pop("select"), kwargs.pop("extend_select"), kwargs.pop("ignore"))
        fail_on = kwargs.pop("fail_on")
        overrides["fail_on"] = Severity(fail_on) if fail_on else None
        overrides["html_scope"] = kwargs.pop("html_scope")
        overrides["respect_gitignore"] = kwargs.pop("respect_gitignore")
        encoding = kwargs.get("encoding")
        if encoding:
            try:
                kwargs["encoding"] = codecs.lookup(encoding).name
            except LookupError:
                _error(f"unknown encoding {encoding!r} (--encoding takes a codec name such as cp1252 or latin-1)")
                sys.exit(EXIT_ERROR)
        exit_zero = kwargs.pop("exit_zero")
        interrupt.catch_termination()
        try:
            linter = Linter(overrides)
            linter.selection_for(".")  # validate selectors before touching files
            code = func(linter=linter, **kwargs)
            _flush()
        except (KeyboardInterrupt, interrupt.Terminated) as exc:
            _error("interrupted: files being fixed were left as they were" if func.__name__ == "fix" else "interrupted")
            code = interrupt.exit_code(exc)
        except (ConfigError, PackError, RegistryError) as exc:
            _error(str(exc))
            code = EXIT_ERROR
        except output.OutputError as exc:  # not written whole (a full disk, a size limit, a closed pipe)
            _output_failed(exc)
            code = EXIT_ERROR
        sys.exit(EXIT_OK if exit_zero and code == EXIT_FINDINGS else code)

    return run


def _jsonl_options(func):
    """--jsonl and --field, for `check` and `fix`."""
    func = click.option("--field", metavar="NAME",
                        help='--jsonl: the field holding the copy (default "text", else "content" or "body").')(func)
    return click.option("--jsonl", is_flag=True,
                        help='Batch mode: PATHS are JSON Lines files (or `-`) of {"id", "text", "format"} records; '
                             "check writes one result record per line, fix writes the records back fixed.")(func)


def _error(message: str) -> None:
    # A file name that is not UTF-8 shows its bytes: "caf\xe9.txt".
    message = message.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    click.echo(f"copydesk: error: {message}", err=True)


def _flush() -> None:
    """Push out what is still buffered for stdout: a write that fails there
    must fail the run, not vanish at exit (lint/run/output.py)."""
    output.flush(sys.stdout)
    output.flush(sys.stdout.buffer)


def _output_failed(exc: Exception) -> None:
    """Say that the output is incomplete, and keep Python from trying to
    flush the rest again at exit."""
    try:
        sys.stdout = open(os.devnull, "w")
    except OSError:
        pass
    _error(f"the output was not written completely: {exc}")


def hand_back_stdin(args: list[str]) -> None:
    """`copydesk fix -` is a filter (an editor's, a pipeline's): when it
    stops with an error before it has read its input (a bad configuration
    or option), the input still comes out of the pipe, unchanged. Input it
    has read, it has handed back already (fix() does), so what is left of
    stdin is all there is to pass on."""
    if not (args[:1] == ["fix"] and "-" in args[1:] and "--diff" not in args):
        return
    import shutil

    try:
        shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except (OSError, ValueError):  # stdin or stdout closed: nothing more can be passed on
        pass


def _records_file(path: str) -> str | None:
    """Why a JSON file named as copy is refused: read as text, its fixes
    would edit the JSON. Its records are checked with --jsonl."""
    if PurePath(path).suffix.lower() in (".json", ".jsonl", ".ndjson"):
        return ("JSON is not copy: for a CMS export of one record a line, run with --jsonl "
                '(the copy in "text", "content" or "body"; --field NAME for another)')
    return None


def _jobs(paths: tuple[str, ...], linter: Linter, stdin_filename: str | None, encoding: str | None = None,
          **flags) -> list[Job]:
    """A job for every file named or found in a folder (honouring exclude)."""
    excluded = lambda p: linter.settings_for(p).excludes(p)  # noqa: E731
    jobs = []
    for path in paths or (".",):
        if path != "-":
            found = discover([path], excluded, linter.settings_for(path).respect_gitignore)
            jobs.extend(Job(name, encoding=encoding, error=error or _records_file(name), **flags) for name, error in found)
            continue
        name = stdin_filename or "-"
        fmt = format_for(name) if stdin_filename else "text"
        data = sys.stdin.buffer.read()
        if stdin_filename and excluded(stdin_filename):  # left alone, as the file named would be
            if flags.get("fix") and flags.get("write", True):
                output.write_all(sys.stdout.buffer, data)  # a filter passes on what it leaves alone
                output.flush(sys.stdout.buffer)
            continue
        refused = "a Word file cannot be read from stdin: name the file" if fmt == "docx" else _records_file(name)
        if refused:
            jobs.append(Job(name, fmt, error=refused, raw=data))
            continue
        try:
            jobs.append(Job(name, fmt, decode(data, name, encoding), raw=data, **{**flags, "write": False}))
        except InputError as exc:
            jobs.append(Job(name, fmt, error=str(exc), raw=data))
    return jobs


def _run(jobs: list[Job], linter: Linter, jobs_n: int | None, use_cache: bool,
         run: list[Job] | None = None) -> list[Outcome]:
    """Run every job, report unreadable files, and sort the outcomes by path.
    `run`: the files a survey counts (BOIL018), when not the jobs alone."""
    show = len(jobs) > 1 and sys.stderr.isatty() and not os.environ.get("CI")
    bar = click.progressbar(length=len(jobs), file=sys.stderr, label="copydesk") if show else None
    step = (lambda _: bar.update(1)) if bar else None
    workers = jobs_n or default_workers()
    try:
        outcomes = list(run_jobs(jobs, linter.overrides, workers, use_cache, progress=step, run=run))
    finally:
        if bar:
            bar.render_finish()
    for outcome in outcomes:
        if outcome.error:
            _error(f"{outcome.path}: {outcome.error}")
        if outcome.warning:
            _error(f"{outcome.path}: {outcome.warning}")
        if outcome.note:
            click.echo(f"copydesk: {outcome.path}: {outcome.note}", err=True)
    return sorted(outcomes, key=lambda o: o.path)


def _fails(results, linter: Linter) -> bool:
    return any(d.severity.rank >= linter.settings_for(r.path).fail_on.rank
               for r in results for d in r.diagnostics)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copydesk")
def main():
    """copydesk: lint and fix article copy (plain text, Markdown, HTML)."""


@main.command()
@linter_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--statistics", is_flag=True, help="Count findings per rule.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the report here, not to stdout.")
@click.option("--watch", is_flag=True, help="Check again each file that changes, until Ctrl-C.")
@_jsonl_options
def check(linter: Linter, paths, stdin_filename, quiet, jobs, no_cache, output_format, statistics, output_file, jsonl,
          field, encoding, watch):
    """Report problems in PATHS (files or folders; `-` reads stdin)."""
    if watch:
        if output_format != "text" or output_file or jsonl:
            _error("--watch writes a text report to stdout at each change; --format, -o and --jsonl are for one run")
            return EXIT_ERROR
        return _watch(paths, linter, jobs, not no_cache, encoding)
    if jsonl:
        if output_format != "text" or statistics:
            option = f"--format {output_format}" if output_format != "text" else "--statistics"
            _error(f"--jsonl writes JSON Lines result records; {option} is for files")
            return EXIT_ERROR
        return _jsonl(paths or ("-",), linter, jobs or default_workers(), field=field, output_file=output_file)
    # Only the HTML report shows the text: others keep the findings' positions.
    todo = _jobs(paths, linter, stdin_filename, encoding, keep_text=output_format == "html")
    outcomes = _run(todo, linter, jobs, not no_cache)
    checked = [o.report() for o in outcomes]
    if output_format == "text":
        out = render_text(checked, statistics=statistics)
        if quiet:
            out = "".join(line + "\n" for line in out.splitlines()[:-1])
    else:
        out = renderer(output_format)(checked, linter=linter)
    if output_file:
        try:
            with open(output_file, "wb") as handle:
                Output(handle).write(out)
        except OSError as exc:
            raise output.OutputError(f"{output_file}: {exc.strerror or exc}") from None
    else:
        output.stdout().write(out)
    if any(o.error for o in outcomes):
        return EXIT_ERROR
    return EXIT_FINDINGS if _fails(checked, linter) else EXIT_OK


def _watch(paths, linter: Linter, jobs_n: int | None, use_cache: bool, encoding: str | None) -> int:
    """check --watch: a report for every file at the start, then one for
    each file that changes, each ending in its summary line."""
    from .run.watch import listing_stamp, watch

    if "-" in paths:
        _error("--watch checks files: stdin (-) cannot be watched")
        return EXIT_ERROR

    listed: list[Job] = []  # the files of the last listing: the run the changed files belong to
    # The configuration as it now stands: one edited while watching is read
    # again and every file checked with it; a broken one is said once, and
    # nothing is checked until it is mended.
    state = {"linter": linter, "settings": None, "error": None, "era": 0,  # era: every file checked again
             "stamp": None, "packs": frozenset()}

    def broken(exc: Exception) -> None:
        if str(exc) != state["error"]:
            _error(f"{exc} (files are checked again once it is mended)")
        state["error"] = str(exc)

    def files() -> list[str]:
        # Listed again only when a folder, a configuration, an ignore file
        # or a pack changed: a poll that relisted every time kept a desk of
        # 2,000 files at 12% CPU.
        stamp = listing_stamp(paths, state["packs"])
        if stamp == state["stamp"]:
            return [job.path for job in listed]
        state["stamp"] = stamp
        config.forget()
        try:
            fresh = Linter(linter.overrides)
            fresh.selection_for(".")
            jobs = [job for job in _jobs(paths, fresh, None, encoding) if not job.error]
            used = {fresh.settings_for(job.path) for job in jobs}
            state["packs"] = frozenset(pack for s in used for pack in s.packs)
            settings = frozenset(map(repr, used)) | listing_stamp((), state["packs"])  # a pack edited counts
        except (ConfigError, PackError, RegistryError) as exc:
            broken(exc)
            return [job.path for job in listed]
        mended = state["error"] is not None  # files changed meanwhile went unchecked
        listed[:], state["error"] = jobs, None
        if settings != state["settings"] or mended:
            state["linter"], state["settings"], state["era"] = fresh, settings, state["era"] + 1
        return [job.path for job in listed]

    def check_files(names: list[str]) -> None:
        if state["error"]:
            return
        # The files that changed are checked as files of the whole run (BOIL018 counts them all).
        try:
            outcomes = _run([Job(name, encoding=encoding) for name in names], state["linter"], jobs_n, use_cache,
                            run=listed)
        except (ConfigError, PackError, RegistryError) as exc:  # broken since the listing
            broken(exc)
            return
        results = [o.report() for o in outcomes]
        output.stdout().write(f"-- {time.strftime('%H:%M:%S')} --\n" + render_text(results))
        _flush()

    watch(files, check_files, settings=lambda: state["era"])
    return EXIT_OK


@main.command()
@linter_options
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--encoding-fix", is_flag=True, help="Write files that are not UTF-8 back as UTF-8.")
@_jsonl_options
def fix(linter: Linter, paths, stdin_filename, quiet, jobs, no_cache, diff, unsafe_fixes, encoding, encoding_fix,
        jsonl, field):
    """Fix what can be fixed in PATHS, in place (`-`: stdin to stdout)."""
    if jsonl:
        if diff:  # (it would write what it was asked only to show)
            _error("--jsonl writes the fixed records (to stdout for -); --diff is for files")
            return EXIT_ERROR
        return _jsonl(paths or ("-",), linter, jobs or default_workers(), fix=True, unsafe=unsafe_fixes, field=field)
    todo = _jobs(paths, linter, stdin_filename, encoding, fix=True, unsafe=unsafe_fixes, write=not diff,
                 encoding_fix=encoding_fix, keep_text=False)
    outcomes = _run(todo, linter, jobs, not no_cache)
    stdin = {job.path: job.raw for job in todo if job.raw is not None}
    for outcome in outcomes:
        if outcome.path in stdin and not diff:
            # A filter hands its input back when it cannot fix it: a
            # pipeline must never lose the copy it passes on.
            output.write_all(sys.stdout.buffer, stdin[outcome.path] if outcome.error else outcome.output)
            output.flush(sys.stdout.buffer)
    if diff:
        output.write_all(sys.stdout.buffer, b"".join(o.diff for o in outcomes))  # each file's lines in its encoding
        output.flush(sys.stdout.buffer)
    results = [o.report() for o in outcomes if o.error is None or o.diagnostics]  # (a file not written: as it was)
    if not quiet:
        _report_fix(results, to_stderr=diff or "-" in paths, dry_run=diff)
    if any(o.error for o in outcomes):
        return EXIT_ERROR
    if diff:
        return EXIT_FINDINGS if any(r.fixed for r in results) else EXIT_OK
    # A fix that did not settle, or could not be written into a Word file, leaves its problem.
    return EXIT_FINDINGS if _fails(results, linter) or any(o.warning for o in outcomes) else EXIT_OK


def _jsonl(paths, linter: Linter, workers: int, fix: bool = False, unsafe: bool = False, field: str | None = None,
           output_file: str | None = None) -> int:
    """The JSON Lines batch mode (lint/run/batch.py). Checking, result records
    go to stdout or `output_file`; fixing, each file is rewritten in place
    (atomically) and stdin's records go to stdout."""
    from .run import batch  # here: only --jsonl needs it

    options = batch.Options(fix, unsafe, field)
    try:
        out = Output(open(output_file, "wb")) if output_file else output.stdout()
    except OSError as exc:
        raise output.OutputError(f"{output_file}: {exc.strerror or exc}") from None
    errors = failing = fixes = 0
    overrides, surveyed = linter.overrides, batch.surveys(linter.overrides)
    try:
        with _record_sources(paths, twice=surveyed) as records:
            if surveyed:  # BOIL018: every record of the run is counted before any is checked
                recurring = batch.survey(_every_line(paths, records), overrides, workers=workers, options=options)
                overrides = {**overrides, "recurring": recurring}
            for path in paths:
                try:
                    with records(path) as stream, _destination(path, out, options.fix) as target:
                        bad, fails, fixed = batch.run(stream, target, overrides, workers, options, path, sys.stderr)
                except (OSError, UnicodeDecodeError, InputError) as exc:
                    _error(f"{path}: {getattr(exc, 'strerror', None) or exc}")
                    bad, fails, fixed = 1, 0, 0
                errors, failing, fixes = errors + bad, failing + fails, fixes + fixed
    finally:
        if output_file:
            out.stream.close()
    if options.fix:
        click.echo(f"Fixed {fixes} problem{'s' * (fixes != 1)}; {failing} record{'s' * (failing != 1)} "
                   "still with problems.", err=True)
    return EXIT_ERROR if errors else EXIT_FINDINGS if failing else EXIT_OK


def _records(path: str | int):
    """A JSON Lines input's lines (a path, "-" or a file descriptor), each
    byte that is not UTF-8 kept as a surrogate (batch.parse_line reports
    its line)."""
    # newline="": each line keeps its own line ending ("\r\n"), for a fix to write back.
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape", newline="")
    return open(path, encoding="utf-8", errors="surrogateescape", newline="")


@contextmanager
def _record_sources(paths, twice: bool):
    """What opens a path's records. Read `twice` (a survey, then the check),
    stdin is first copied to a temporary file that has no name: it goes
    when the run ends, however it ends."""
    if not twice or "-" not in paths:
        yield _records
        return
    import shutil
    import tempfile

    with tempfile.TemporaryFile() as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)

        def opened(path: str):
            if path != "-":
                return _records(path)
            spool.seek(0)
            stream = _records(os.dup(spool.fileno()))  # closing it leaves the spool
            stream.seek(0)
            return stream

        yield opened


def _every_line(paths, records):
    """The lines of every path in turn; one that cannot be read is left out
    (the check reports it)."""
    for path in paths:
        try:
            with records(path) as stream:
                yield from stream
        except (OSError, UnicodeDecodeError):
            continue


@contextmanager
def _destination(path: str, out, fixing: bool):
    """Where the output of a JSON Lines file goes: `out`, or, fixing a
    file, the file itself, replaced once every record is written."""
    if not fixing or path == "-":
        yield out
        return
    with replacing(path) as handle:
        yield Output(handle)


def _report_fix(results: list[FileResult], to_stderr: bool, dry_run: bool = False) -> None:
    fixed = sum(len(r.fixed) for r in results)
    files = sum(1 for r in results if r.fixed)
    remaining = [r for r in results if r.diagnostics]
    if remaining:
        click.echo("".join(render_text(remaining).splitlines(True)[:-1]), nl=False, err=to_stderr)
    remain = sum(len(r.diagnostics) for r in results)
    done, left = ("Would fix", "would remain") if dry_run else ("Fixed", "remain" + "s" * (remain == 1))
    click.echo(f"{done} {fixed} problem{'s' * (fixed != 1)} in {files} file{'s' * (files != 1)}; "
               f"{remain} {left}.", err=to_stderr)


@main.command("dask")
@click.argument("urlpath", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Folder for the result files (one per partition).")
@click.option("--scheduler", help="Dask scheduler address; default: a local cluster of worker processes.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes of the local cluster (default: one per CPU); not with --scheduler.")
@click.option("--select", multiple=True)
@click.option("--extend-select", multiple=True, help="Rules to add to the selection (BOIL018: a site's template).")
@click.option("--ignore", multiple=True)
def dask_command(urlpath, output, scheduler, workers, select, extend_select, ignore):
    """Batch mode (`check --jsonl`) over JSON Lines files on a Dask cluster."""
    try:
        if not scheduler:
            _local_workers()  # first: its fork server imports Dask while this process does
        from dask.distributed import Client, LocalCluster
    except ImportError:
        _error("the dask command needs the dask extra: pip install 'copydesk[dask]'")
        sys.exit(EXIT_ERROR)
    from .run.dask_batch import check_jsonl_files

    overrides = _selectors(select, extend_select, ignore)
    cluster = None if scheduler else LocalCluster(n_workers=workers or default_workers(), processes=True,
                                                  threads_per_worker=1)
    with Client(scheduler or cluster):
        written = check_jsonl_files(list(urlpath), output, overrides)
    if cluster:
        cluster.close()
    click.echo(f"{len(written)} result file{'s' * (len(written) != 1)} in {output}")


def _local_workers() -> None:
    """How the local cluster's workers start and are watched. They are
    forked from a server that has imported Dask and copydesk once, not each
    started afresh (spawn, Dask's default); the server starts now, so that
    it imports them while this process imports Dask. And they are watched
    less often: by default a worker samples its running task's stack every
    10 ms (its profile) and checks its loop, system and memory a few times
    a second, each time taking the interpreter lock from copydesk's pure
    Python work. Together a tenth of a run on 50 MB (bench/scale.py)."""
    import multiprocessing

    quiet = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
             "distributed.admin.system-monitor.interval": "1s", "distributed.worker.memory.monitor-interval": "1s"}
    if "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        multiprocessing.get_context("forkserver").set_forkserver_preload(["distributed", "lint.run.dask_batch"])
        forkserver.ensure_running()
        quiet["distributed.worker.multiprocessing-method"] = "forkserver"
    import dask

    dask.config.set(quiet)


def _configured():
    """The selection the configuration for the current folder makes, and
    the registry it draws on (built-in rules plus the packs it loads)."""
    try:
        selection = Linter().selection_for(".")
    except (ConfigError, PackError, RegistryError) as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)
    return selection, selection.registry


def _on(rule, selection) -> str:
    """Whether the rule runs here; a house-style rule waits for its style."""
    if rule.code in selection.codes:
        return "on"
    return f"off (style {rule.style})" if rule.style and selection.settings.style != rule.style else "off"


def _language(rule) -> str:
    return ", ".join(rule.languages) if rule.languages else "any"


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True)
@click.option("--all", "show_all", is_flag=True, help="Also list rules that are off here.")
def rules_command(output_format, show_all):
    """List the rules: code, name, severity, fix, on or off in this folder's configuration, language."""
    if output_format == "markdown":  # the README's table: the defaults, whatever the folder's configuration
        click.echo(rule_table([r for r in default_registry() if show_all or r.default]), nl=False)
        return
    selection, registry = _configured()
    rules = [r for r in registry if show_all or r.code in selection.codes]
    if output_format == "json":
        import json

        rows = [{"code": r.code, "name": r.name, "severity": r.severity.value,
                 "fix": r.fixable.value if r.fixable else None, "default": r.default,
                 "on": r.code in selection.codes, "style": r.style, "languages": list(r.languages or ()) or None,
                 "summary": r.summary} for r in rules]
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(f"{'code':<8} {'name':<44} {'severity':<8} {'fix':<7} {'language':<9} here")
    for r in rules:
        fixable = r.fixable.value if r.fixable else "-"
        click.echo(f"{r.code:<8} {r.name:<44} {r.severity.value:<8} {fixable:<7} {_language(r):<9} {_on(r, selection)}")


@main.command()
@click.argument("code")
def explain(code):
    """Print a rule's docs: What it does / Why it matters / Example / Fix safety."""
    selection, registry = _configured()
    rule = registry.get(code)
    if rule is None:
        _error(registry.unknown(code))
        sys.exit(EXIT_ERROR)
    default = "on by default" if rule.default else "off by default"
    fixable = f"{rule.fixable.value} fix" if rule.fixable else "no fix"
    language = "any language" if rule.languages is None else f"copy in {_language(rule)} only (language setting)"
    click.echo(f"# {rule.code} {rule.name}\n\nseverity: {rule.severity.value}; {fixable}; {default}; "
               f"{_on(rule, selection)} here; {language}\n")
    click.echo(rule.docs.render())
    click.echo(f"\n## Keeping it as written\nWhere the words are right as they stand (a quotation, a name, a checked "
               f"fact), accept the finding instead of changing them. In Markdown and HTML, a comment before the line: "
               f"`<!-- copydesk-disable-next-line {rule.code} -->`. In any format, plain text too, an entry in "
               f".copydesk.toml that quotes the words, so nothing is added to the copy:\n\n"
               f'    [[allow]]\n    path = "desk/story.txt"\n    code = "{rule.code}"\n'
               f'    text = "the words the finding flags"\n    reason = "why they stay"\n\n'
               f"See docs/configuration.md.")


@main.command("server")
@click.option("--stdio", is_flag=True, help="Accepted for clients that pass it; stdio is the only transport.")
def server_command(stdio):
    """Run the language server (LSP over stdin/stdout) for editors: docs/editors.md."""
    try:
        from .server.lsp import serve  # here: only the server loads pygls
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        _error(f"the server command needs pygls ({exc}): pip install 'copydesk[server]'")
        sys.exit(EXIT_ERROR)
    serve()


if __name__ == "__main__":  # pragma: no cover
    main()

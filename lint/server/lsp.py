"""The copydesk language server (LSP over stdio, built on pygls 2).

    copydesk server

Diagnostics for plain text, Markdown and HTML when a document is opened,
changed and saved, with the configuration the CLI would use for the file's
path (.copydesk.toml or [tool.copydesk] found upward from it); a document
without a path on disk (untitled, or another URI scheme) gets the defaults.
Code actions: a quick fix per fixable finding ("(unsafe)" in the title of
fixes `copydesk fix` leaves alone), "Disable CODE for this line" in
Markdown and HTML (edits.py), and "fix all safe problems" as the source
action `source.fixAll.copydesk` (the same fix loop as `copydesk fix`).
Hover over a finding shows its rule's docs.

The server keeps its own copy of each open document: pygls applies
incremental changes with `str.splitlines`, which also breaks lines at
U+2028, U+0085 and form feeds, characters damaged copy holds and LSP does
not count as line breaks (positions.py). Positions are UTF-32 when the
client offers it, else UTF-16.

Nothing a document holds may stop the server: a rule that fails is logged
(window/logMessage) and the other rules' findings are published; any other
error is logged and the request answered with nothing.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
import time
import traceback
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from ..core.engine import RuleError, lint_many
from ..core.fix import applicable
from ..core.model import Applicability, Diagnostic, Edit, Severity
from ..formats import format_for
from ..packs.pack import PackError, prepare_hints
from ..run import config
from ..run.config import ConfigError, Settings
from ..run.linter import Linter
from ..run.registry import RegistryError
from ..windows.segments import load_segment, segments
from .edits import disable_next_line, minimal_edits
from .positions import UTF16, UTF32, LineMap, apply_change

SOURCE = "copydesk"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.copydesk"  # source.fixAll.copydesk
QUICKFIX = types.CodeActionKind.QuickFix.value
# The client's language id, for a document whose name does not tell the
# format (an untitled buffer); a file's suffix decides first, as in the CLI.
LANGUAGES = {"plaintext": "text", "text": "text", "markdown": "markdown", "html": "html"}
TEXT_FORMATS = frozenset(LANGUAGES.values())  # an editor holds text: a Word file is none of its documents
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
CONFIG_ERRORS = (ConfigError, PackError, RegistryError)
CONFIG_FILES = tuple(f"**/{name}" for name in config.CONFIG_FILES)
BOM = "\ufeff"
log = logging.getLogger(__name__)


class OpenDocument:
    """A document the client has open: its text as the client has it."""

    def __init__(self, uri: str, text: str, version: int | None, language_id: str | None):
        self.uri = uri
        self.text = text
        self.version = version
        self.path = _fs_path(uri)  # None: no file on disk (untitled, another scheme)
        name = self.path or unquote(urlparse(uri).path) or uri
        self.name = self.path or PurePosixPath(name).name or "<untitled>"
        fmt = format_for(name)
        self.fmt = fmt if fmt in TEXT_FORMATS else LANGUAGES.get(language_id or "", "text")
        # The findings for `_linted_text` (offsets into the text, BOM included).
        self._linted_text: str | None = None
        self.findings: list[Diagnostic] = []
        self.problem: str | None = None  # a configuration error, shown as a diagnostic
        self._fixed_text: str | None = None
        self.fix_all: list[Edit] = []
        self.lint_seconds = 0.0  # how long its last lint took: how long changes wait to be linted together

    def forget(self) -> None:
        self._linted_text = self._fixed_text = None


def _fs_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    try:
        return to_fs_path(uri)
    except Exception:  # a malformed URI: lint it as untitled
        return None


class Protocol(LanguageServerProtocol):
    """pygls's protocol with copydesk's choices: the position encoding, and
    open documents kept by the server (see the module docstring)."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        general = params.capabilities.general
        offered = list((general.position_encodings if general else None) or [])
        chosen = types.PositionEncodingKind.Utf32 if UTF32 in offered else types.PositionEncodingKind.Utf16
        if general is None:
            general = params.capabilities.general = types.GeneralClientCapabilities()
        general.position_encodings = [chosen]  # pygls then announces this one
        self._server.encoding = chosen.value
        return (yield from super().lsp_initialize(params))

    def _user(self, method: str, params):
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params):
        yield from self._user(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params):
        yield from self._user(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params):
        yield from self._user(types.TEXT_DOCUMENT_DID_CLOSE, params)


class CopydeskServer(LanguageServer):
    def __init__(self):
        super().__init__("copydesk", __version__, protocol_cls=Protocol,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.encoding = UTF16
        self.documents: dict[str, OpenDocument] = {}
        self.linter = Linter({})  # settings found from each file's path, as the CLI finds them
        self.default_linter = Linter({}, settings=Settings())  # documents without a path
        self._logged: dict[str, str] = {}  # uri -> the last error logged for it
        self._frozen = False

    # -- logging -----------------------------------------------------------
    def log(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        log.debug("%s", message)
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # the client has gone: nothing to tell
            pass

    def log_once(self, uri: str, message: str, show: bool = False) -> None:
        """Log an error about a document, unless it is the one logged last
        for it (a failing rule fails again at every keystroke)."""
        if self._logged.get(uri) == message:
            return
        self._logged[uri] = message
        self.log(message)
        if show:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))

    def forget_configuration(self) -> None:
        """Read the configurations, and the packs they name, again at the
        next lint (a linter keeps a configuration's packs once read)."""
        config.forget()
        self.linter = Linter({})
        self.default_linter = Linter({}, settings=Settings())

    # -- linting -----------------------------------------------------------
    def linter_for(self, doc: OpenDocument) -> tuple[Linter, str]:
        return (self.linter, doc.path) if doc.path else (self.default_linter, doc.name)

    def findings(self, doc: OpenDocument) -> list[Diagnostic]:
        """The findings in `doc`'s current text (linted once per text)."""
        if doc._linted_text is not doc.text:
            started = time.perf_counter()
            doc.findings, doc.problem = self._lint(doc)
            doc._linted_text = doc.text
            doc.lint_seconds = time.perf_counter() - started
        return doc.findings

    def _lint(self, doc: OpenDocument) -> tuple[list[Diagnostic], str | None]:
        linter, path = self.linter_for(doc)
        body, shift = (doc.text[1:], 1) if doc.text.startswith(BOM) else (doc.text, 0)
        try:
            if doc.path and linter.settings_for(path).excludes(path):
                return [], None  # excluded by the configuration: the CLI skips it too
            found = linter.check_many([(body, path, doc.fmt)])[0]
            if isinstance(found, RuleError):
                found, failures = self._rule_by_rule(linter, body, path, doc.fmt)
                self.log_once(doc.uri, f"copydesk: {doc.name}: " + "; ".join(failures))
            else:
                self._logged.pop(doc.uri, None)  # a failure coming back is logged again
        except CONFIG_ERRORS as exc:
            message = f"copydesk: configuration error: {exc}"
            self.log_once(doc.uri, message, show=True)
            return [], message
        except Exception:
            self.log_once(doc.uri, f"copydesk: {doc.name}: linting failed:\n{traceback.format_exc()}")
            return [], None
        return [d.shifted(shift) for d in found], None

    @staticmethod
    def _rule_by_rule(linter: Linter, text: str, path: str, fmt: str) -> tuple[list[Diagnostic], list[str]]:
        """What the rules that do not fail find, rule by rule (the batch
        engine gives up on a text at its first failing rule), and the
        failures."""
        selection = linter.selection_for(path)
        found: list[Diagnostic] = []
        failures: list[str] = []
        for offset, piece in segments(text, fmt):
            doc = load_segment(offset, piece, path, fmt, selection.settings)
            for rule in selection.rules_for(path):
                result = lint_many([doc], [rule], selection.severity)[0]
                if isinstance(result, RuleError):
                    if str(result) not in failures:
                        failures.append(str(result))
                    continue
                found.extend(d.shifted(offset) for d in result)
        found.sort(key=lambda d: (d.start, d.end, d.code))
        return found, failures

    def fix_all(self, doc: OpenDocument) -> list[Edit]:
        """The edits that apply every safe fix, as `copydesk fix` would (the
        fix loop: passes until the text is stable, markup kept)."""
        if doc._fixed_text is doc.text:
            return doc.fix_all
        doc._fixed_text, doc.fix_all = doc.text, []
        if not any(applicable(d, unsafe=False) for d in self.findings(doc)):
            return []
        linter, path = self.linter_for(doc)
        bom = BOM if doc.text.startswith(BOM) else ""
        body = doc.text[len(bom):]
        try:
            try:
                result = linter.fix(body, path, doc.fmt)
            except RuleError:
                # Fix with the rules that work: those that fail are left out.
                _, failures = self._rule_by_rule(linter, body, path, doc.fmt)
                failing = tuple(code for code in {f.split()[1] for f in failures if f.startswith("rule ")})
                result = Linter({"ignore": failing}, settings=linter.settings_for(path)).fix(body, path, doc.fmt)
        except Exception:
            self.log_once(doc.uri, f"copydesk: {doc.name}: fixing failed:\n{traceback.format_exc()}")
            return []
        if result.unstable:
            self.log(f"copydesk: {doc.name}: {result.unstable}", types.MessageType.Warning)
        doc.fix_all = minimal_edits(doc.text, bom + result.text) if result.changed else []
        return doc.fix_all

    def publish(self, doc: OpenDocument) -> None:
        findings = self.findings(doc)
        # The boilerplate rules' hints fall due at the eighth document linted
        # (or after rules are added): 20 ms or more on one keystroke. Made
        # here, they go with the first lint (and cost nothing once made).
        prepare_hints()
        lines = LineMap(doc.text, self.encoding)
        items = [self.to_lsp(d, lines, doc.version) for d in findings]
        if doc.problem:
            start = types.Position(line=0, character=0)
            items.insert(0, types.Diagnostic(range=types.Range(start=start, end=start), message=doc.problem,
                                             severity=types.DiagnosticSeverity.Error, source=SOURCE))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=items, version=doc.version))
        if not self._frozen:
            # The rules, their patterns and data now loaded live as long as
            # the server: out of the collector's sight, they cost no full
            # collection a pause in the middle of typing.
            gc.freeze()
            self._frozen = True

    def publish_soon(self, doc: OpenDocument) -> None:
        """Publish after a pause of a quarter of the document's last lint
        (at most 0.1 s), unless a newer change comes first: changes typed
        faster than a long document is linted (each one waits in the pipe
        meanwhile) are linted once, as the last of them, not one by one."""
        version = doc.version

        def later():
            if self.documents.get(doc.uri) is doc and doc.version == version:
                try:
                    self.publish(doc)
                except Exception:
                    self.log(f"copydesk: publishing {doc.name} failed:\n{traceback.format_exc()}")

        asyncio.get_running_loop().call_later(min(doc.lint_seconds / 4, 0.1), later)

    def to_lsp(self, d: Diagnostic, lines: LineMap, version: int | None) -> types.Diagnostic:
        data: dict = {"name": d.name, "version": version}
        if d.fix is not None:
            data["fix"] = {"applicability": d.fix.applicability.value,
                           "edits": [{"range": _range_json(lines, e.start, e.end), "newText": e.replacement}
                                     for e in d.fix.edits]}
        return types.Diagnostic(range=_range(lines, d.start, d.end), message=d.message,
                                severity=SEVERITY[d.severity], code=d.code, source=SOURCE, data=data)

    # -- code actions ------------------------------------------------------
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return None
        only = params.context.only
        actions: list[types.CodeAction] = []
        lines = LineMap(doc.text, self.encoding)
        if _wanted(only, QUICKFIX):
            disabled: set[tuple[str, int]] = set()
            for diag in params.context.diagnostics:
                finding = self._finding(doc, diag, lines)
                if finding is None:
                    continue
                if finding.fix is not None:
                    unsafe = finding.fix.applicability is Applicability.UNSAFE
                    actions.append(types.CodeAction(
                        title=f"Fix {finding.code}: {finding.message}" + (" (unsafe)" if unsafe else ""),
                        kind=types.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=not unsafe,
                        edit=self._workspace_edit(doc, lines, finding.fix.edits)))
                line = lines.position(finding.start)[0]
                edit = disable_next_line(doc.text, doc.fmt, finding.start, finding.code)
                if edit is not None and (finding.code, line) not in disabled:
                    disabled.add((finding.code, line))
                    actions.append(types.CodeAction(
                        title=f"Disable {finding.code} for this line", kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diag], edit=self._workspace_edit(doc, lines, [edit])))
        if _wanted(only, FIX_ALL):
            edits = self.fix_all(doc)
            if edits:
                actions.append(types.CodeAction(title="copydesk: fix all safe problems", kind=FIX_ALL,
                                                edit=self._workspace_edit(doc, lines, edits)))
        return actions

    def _finding(self, doc: OpenDocument, diag: types.Diagnostic, lines: LineMap) -> Diagnostic | None:
        """The current finding a client's diagnostic stands for; None when it
        is not copydesk's, or was published for an older text."""
        if diag.source != SOURCE or not isinstance(diag.code, str):
            return None
        if isinstance(diag.data, dict) and diag.data.get("version", doc.version) != doc.version:
            return None  # stale: fresh diagnostics are on their way
        start = lines.offset(diag.range.start.line, diag.range.start.character)
        end = lines.offset(diag.range.end.line, diag.range.end.character)
        for d in self.findings(doc):
            if d.code == diag.code and d.start == start and d.end == end:
                return d
        return None

    def _workspace_edit(self, doc: OpenDocument, lines: LineMap, edits) -> types.WorkspaceEdit:
        text_edits = [types.TextEdit(range=_range(lines, e.start, e.end), new_text=e.replacement)
                      for e in sorted(edits, key=lambda e: (e.start, e.end))]
        caps = self.client_capabilities.workspace
        versioned = bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)
        if versioned and doc.version is not None:
            # The client refuses the edit if the text has changed since.
            ident = types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=ident, edits=text_edits)])
        return types.WorkspaceEdit(changes={doc.uri: text_edits})

    # -- hover ------------------------------------------------------------
    def hover(self, params: types.HoverParams) -> types.Hover | None:
        doc = self.documents.get(params.text_document.uri)
        if doc is None:
            return None
        lines = LineMap(doc.text, self.encoding)
        at = lines.offset(params.position.line, params.position.character)
        hits = [d for d in self.findings(doc) if d.start <= at < d.end or d.start == d.end == at]
        if not hits:
            return None
        linter, path = self.linter_for(doc)
        try:
            registry = linter.selection_for(path).registry
        except Exception:
            registry = linter.registry
        parts, seen = [], set()
        for d in hits:
            if d.code not in seen:
                seen.add(d.code)
                parts.append(rule_markdown(registry.get(d.code), d))
        markdown = self._markdown_hover()
        kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value="\n\n---\n\n".join(parts)),
                           range=_range(lines, hits[0].start, hits[0].end))

    def _markdown_hover(self) -> bool:
        td = self.client_capabilities.text_document
        formats = td.hover.content_format if td and td.hover else None
        return not formats or types.MarkupKind.Markdown in formats


def rule_markdown(rule, d: Diagnostic) -> str:
    """A rule's docs for a hover: what `copydesk explain` prints."""
    fix = f"{d.fix.applicability.value} fix" if d.fix else "no fix"
    head = f"**{d.code}** `{d.name}` ({d.severity.value}; {fix})\n\n{d.message}"
    if rule is None:
        return head
    try:
        docs = rule.docs
    except Exception:  # a rule without docs still gets its heading
        return head
    sections = (("What it does", docs.what), ("Why it matters", docs.why), ("Example", docs.example),
                ("Fix safety", docs.fix_safety))
    return head + "".join(f"\n\n**{title}**\n\n{body}" for title, body in sections)


def _wanted(only, kind: str) -> bool:
    """Does a code action request's `only` filter let actions of `kind` in?"""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def _range(lines: LineMap, start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = lines.position(start), lines.position(end)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def _range_json(lines: LineMap, start: int, end: int) -> dict:
    (l1, c1), (l2, c2) = lines.position(start), lines.position(end)
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


def _guarded(fallback=None):
    """A handler that logs what it raises and answers `fallback`."""

    def wrap(handler):
        def run(ls: CopydeskServer, params):
            try:
                return handler(ls, params)
            except Exception:
                ls.log(f"copydesk: {handler.__name__} failed:\n{traceback.format_exc()}")
                return fallback

        run.__name__ = handler.__name__
        return run

    return wrap


def create_server() -> CopydeskServer:
    server = CopydeskServer()

    @server.feature(types.INITIALIZED)
    @_guarded()
    def initialized(ls: CopydeskServer, params):
        watch = ls.client_capabilities.workspace
        if watch and watch.did_change_watched_files and watch.did_change_watched_files.dynamic_registration:
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in CONFIG_FILES])
            registration = types.Registration(id="copydesk-config-files",
                                              method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                              register_options=options)
            future = ls.client_register_capability(types.RegistrationParams(registrations=[registration]))
            future.add_done_callback(_quietly)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @_guarded()
    def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams):
        item = params.text_document
        doc = OpenDocument(item.uri, item.text, item.version, item.language_id)
        ls.documents[item.uri] = doc
        ls.forget_configuration()
        ls.publish(doc)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @_guarded()
    def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams):
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        text = doc.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                text = apply_change(text, ls.encoding, (r.start.line, r.start.character),
                                    (r.end.line, r.end.character), change.text)
            else:
                text = change.text
        doc.text, doc.version = text, params.text_document.version
        ls.publish_soon(doc)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    @_guarded()
    def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams):
        doc = ls.documents.get(params.text_document.uri)
        if doc is not None:
            ls.forget_configuration()
            doc.forget()
            ls.publish(doc)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @_guarded()
    def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams):
        ls._logged.pop(params.text_document.uri, None)
        if ls.documents.pop(params.text_document.uri, None) is not None:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @_guarded()
    def config_changed(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams):
        ls.forget_configuration()
        for doc in ls.documents.values():
            doc.forget()
            ls.publish(doc)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    @_guarded()
    def code_action(ls: CopydeskServer, params: types.CodeActionParams):
        return ls.code_actions(params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @_guarded()
    def hover(ls: CopydeskServer, params: types.HoverParams):
        return ls.hover(params)

    return server


def _quietly(future) -> None:
    """A request's future whose error (a client without dynamic
    registration after all) is not worth a traceback."""
    try:
        future.exception()
    except BaseException:
        pass


def serve() -> None:
    """Speak LSP on stdin/stdout until the client says exit."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must not corrupt the protocol stream
    create_server().start_io(stdin, stdout)

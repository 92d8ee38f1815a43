"""`copydesk server` end to end: a real LSP client (pytest-lsp, built on
pygls's client) starts the server over stdio with the command
docs/editors.md gives editors, and drives it through initialize, open,
change, save, code actions, hover and shutdown.

Positions are checked against an independent conversion (UTF-16 by
encoding the line, UTF-32 by counting code points), findings against
`lint.api`, and applied edits by what the text reads afterwards.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from conftest import ROOT, copydesk_exe, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from markdown_it import MarkdownIt
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from lint.api import check_text, fix_text
from lint.server.edits import disable_next_line, minimal_edits
from lint.server.lsp import FIX_ALL, LANGUAGES
from lint.server.positions import UTF16, UTF32, LineMap, apply_change

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

EDITORS = ROOT / "docs" / "editors.md"
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
on_module_loop = pytest.mark.asyncio(loop_scope="module")
pytestmark = pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning")

MD = "# Héllo 👋\n\nThe 🎉 party was was fun.\n\nThe U.S.U.S. team won.\n"


# -- the editor snippets ---------------------------------------------------
def snippets() -> dict[str, list[str]]:
    """The fenced code blocks of docs/editors.md by language."""
    blocks: dict[str, list[str]] = {}
    for lang, body in re.findall(r"```(\w+)\n(.*?)```", EDITORS.read_text(encoding="utf-8"), re.S):
        blocks.setdefault(lang, []).append(body)
    return blocks


def _lua_list(body: str, key: str) -> list[str]:
    m = re.search(rf"\b{key}\s*=\s*\{{([^}}]*)\}}", body)
    assert m, f"no {key} in the Neovim snippet"
    return re.findall(r'"([^"]*)"', m.group(1))


def editor_commands() -> dict[str, list[str]]:
    """The command line each editor snippet starts the server with."""
    blocks = snippets()
    vscode = json.loads(blocks["json"][0])
    helix = tomllib.loads(blocks["toml"][0])["language-server"]["copydesk"]
    commands = {"vscode": [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]],
                "helix": [helix["command"], *helix.get("args", [])]}
    for i, body in enumerate(blocks["lua"]):
        commands[f"neovim-{i}"] = _lua_list(body, "cmd")
    return commands


def server_command() -> list[str]:
    """The snippets' command, with the `copydesk` this test run installed."""
    command = editor_commands()["helix"]
    assert command[0] == "copydesk"
    return [copydesk_exe(), *command[1:]]


def test_every_editor_snippet_starts_the_same_server_for_the_three_formats():
    commands = editor_commands()
    assert len(commands) == 4 and all(c == ["copydesk", "server"] for c in commands.values()), commands
    blocks = snippets()
    vscode_ids = json.loads(blocks["json"][0])["glspc.server.languageId"]
    helix = tomllib.loads(blocks["toml"][0])
    helix_ids = [lang["name"] for lang in helix["language"] if "copydesk" in lang["language-servers"]]
    for ids in (vscode_ids, helix_ids, *(_lua_list(body, "filetypes") for body in blocks["lua"])):
        assert sorted(LANGUAGES[i] for i in ids) == ["html", "markdown", "text"], ids
    on_save = json.loads(blocks["json"][1])["[markdown]"]["editor.codeActionsOnSave"]
    assert list(on_save) == [FIX_ALL]
    for body in blocks["lua"]:
        assert body.count("{") == body.count("}") and body.count("(") == body.count(")")


@pytest.mark.skipif(not (shutil.which("luac5.4") or shutil.which("luac")), reason="no Lua compiler on PATH")
def test_neovim_snippets_are_valid_lua(tmp_path):
    luac = shutil.which("luac5.4") or shutil.which("luac")
    for i, body in enumerate(snippets()["lua"]):
        (tmp_path / f"{i}.lua").write_text(body, encoding="utf-8")
        subprocess.run([luac, "-p", str(tmp_path / f"{i}.lua")], check=True)


# -- client-side helpers, independent of lint.server --------------------------
def _lines(text: str) -> list[str]:
    return re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)


def column(text: str, offset: int, encoding: str) -> tuple[int, int]:
    """(line, character) of a code-point offset, counted the client's way."""
    head = text[:offset]
    breaks = list(re.finditer(r"\r\n|\n|\r", head))
    last = head[breaks[-1].end():] if breaks else head
    units = len(last.encode("utf-16-le")) // 2 if encoding == UTF16 else len(last)
    return len(breaks), units


def to_offset(text: str, pos: types.Position, encoding: str) -> int:
    lines = _lines(text)
    if pos.line >= len(lines):
        return len(text)
    start = sum(len(x) for x in lines[: pos.line])
    content = lines[pos.line].rstrip("\r\n")
    if encoding == UTF16:
        return start + len(content.encode("utf-16-le")[: 2 * pos.character].decode("utf-16-le"))
    return start + min(pos.character, len(content))


def apply(text: str, edits, encoding: str) -> str:
    spans = [(to_offset(text, e.range.start, encoding), to_offset(text, e.range.end, encoding), e.new_text)
             for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def text_edits(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list(edit.changes[uri])


def expected(text: str, fmt: str, encoding: str) -> list[tuple]:
    """What the server should publish for `text`: lint.api's findings, in
    the client's positions."""
    return sorted((d.code, column(text, d.start, encoding), column(text, d.end, encoding), d.message)
                  for d in check_text(text, fmt))


def published(diagnostics) -> list[tuple]:
    return sorted((d.code, (d.range.start.line, d.range.start.character),
                   (d.range.end.line, d.range.end.character), d.message) for d in diagnostics)


def record(client: LanguageClient) -> None:
    """Keep every publishDiagnostics the client receives, in order."""
    client.published, client.cursor = [], 0
    handle = client.protocol._handle_notification

    def recording(method, params):
        if method == PUBLISH:
            client.published.append(params)
        return handle(method, params)

    client.protocol._handle_notification = recording


async def until(condition, timeout: float = 30) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.005)


async def diagnostics_for(client: LanguageClient, uri: str, timeout: float = 30):
    """The next diagnostics published for `uri` (those for other documents
    that come first are passed over)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for i in range(client.cursor, len(client.published)):
            if client.published[i].uri == uri:
                client.cursor = i + 1
                return client.published[i].diagnostics
        assert asyncio.get_running_loop().time() < deadline, f"no diagnostics for {uri}"
        await asyncio.sleep(0.005)


async def open_doc(client: LanguageClient, uri: str, text: str, language: str, version: int = 1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return await diagnostics_for(client, uri)


async def replace_all(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    return await diagnostics_for(client, uri)


async def actions(client: LanguageClient, uri: str, diagnostics, only=None):
    rng = diagnostics[0].range if diagnostics else types.Range(start=types.Position(line=0, character=0),
                                                               end=types.Position(line=0, character=0))
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
        context=types.CodeActionContext(diagnostics=list(diagnostics), only=only)))


# -- the VS Code client: UTF-16, versioned workspace edits --------------------
@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("desk")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=server_command()))
async def client(lsp_client: LanguageClient, workdir: Path):
    record(lsp_client)
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=workdir.as_uri()))
    lsp_client.server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()


@on_module_loop
async def test_the_server_announces_utf16_sync_code_actions_and_hover(client: LanguageClient):
    caps = client.server_capabilities
    assert caps.position_encoding == types.PositionEncodingKind.Utf16  # VS Code offers no other
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.open_close and caps.text_document_sync.save
    assert set(caps.code_action_provider.code_action_kinds) == {types.CodeActionKind.QuickFix, FIX_ALL}
    assert caps.hover_provider
    await until(lambda: client.registrations)
    [watch] = client.registrations  # config files, watched by the editor
    assert watch.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    assert [w["globPattern"] for w in watch.register_options["watchers"]] == ["**/.copydesk.toml", "**/pyproject.toml"]


@on_module_loop
async def test_diagnostics_on_open_count_utf16_units_past_an_emoji(client: LanguageClient, workdir: Path):
    uri = (workdir / "story.md").as_uri()
    found = await open_doc(client, uri, MD, "markdown")
    assert published(found) == expected(MD, "markdown", UTF16)
    was = next(d for d in found if d.code == "DUP002")
    # "The 🎉 party was was": the emoji is two UTF-16 units, so "was" starts at 13, not 12.
    assert (was.range.start.line, was.range.start.character, was.range.end.character) == (2, 13, 20)
    assert was.source == "copydesk" and was.severity == types.DiagnosticSeverity.Warning
    abbr = next(d for d in found if d.code == "DUP001")
    assert abbr.severity == types.DiagnosticSeverity.Error and abbr.message == "'U.S.' is written twice"
    assert abbr.data["fix"]["applicability"] == "safe" and abbr.data["version"] == 1
    assert [e["newText"] for e in abbr.data["fix"]["edits"]] == ["U.S."]


@on_module_loop
async def test_incremental_changes_keep_the_text_the_client_has(client: LanguageClient, workdir: Path):
    # U+2028 and U+0085 are characters inside an LSP line: str.splitlines
    # would take them for line breaks and put the edit in the wrong place.
    uri = (workdir / "wire.txt").as_uri()
    text = "It was\u2028was good 😀, and\x85 and fun.\nSecond line.\n"
    await open_doc(client, uri, text, "plaintext")
    changes = [((0, 33), (0, 33), " the the"), ((1, 0), (1, 6), "Third"), ((0, 0), (0, 0), "🎉 ")]
    for version, (start, end, new) in enumerate(changes, start=2):
        rng = types.Range(start=types.Position(line=start[0], character=start[1]),
                          end=types.Position(line=end[0], character=end[1]))
        text = apply(text, [types.TextEdit(range=rng, new_text=new)], UTF16)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=rng, text=new)]))
        found = await diagnostics_for(client, uri)
        assert published(found) == expected(text, "text", UTF16), text
    assert text == "🎉 It was\u2028was good 😀, and\x85 and fun. the the\nThird line.\n"
    assert {"DUP002"} <= {d.code for d in found} and len(found) >= 3


@on_module_loop
async def test_changes_typed_faster_than_a_long_document_is_linted_are_linted_once(client: LanguageClient,
                                                                                  workdir: Path):
    """Each change waits in the pipe while the one before is linted: the
    server lints the last of them, not each in turn."""
    uri = (workdir / "long.txt").as_uri()
    text = "".join(f"Paragraph {i} says the council met on Monday, the mayor said.\n\n" for i in range(4000))
    await open_doc(client, uri, text, "plaintext")
    start = client.cursor
    for version in range(2, 7):
        rng = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
        text = apply(text, [types.TextEdit(range=rng, new_text="the ")], UTF16)
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=rng, text="the ")]))
    await until(lambda: any(p.uri == uri and p.version == 6 for p in client.published[start:]))
    versions = [p.version for p in client.published[start:] if p.uri == uri]
    assert versions[-1] == 6 and len(versions) < 5, versions
    assert published(client.published[start:][-1].diagnostics) == expected(text, "text", UTF16)
    client.cursor = len(client.published)


@on_module_loop
async def test_quick_fixes_and_the_disable_comment(client: LanguageClient, workdir: Path):
    uri = (workdir / "quick.md").as_uri()
    found = await open_doc(client, uri, MD, "markdown")
    abbr = [d for d in found if d.code == "DUP001"]
    offered = await actions(client, uri, abbr)
    titles = [a.title for a in offered]
    assert titles == ["Fix DUP001: 'U.S.' is written twice", "Disable DUP001 for this line",
                      "copydesk: fix all safe problems"]
    fix, disable, fix_all = offered
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred and list(fix.diagnostics) == abbr
    assert fix.edit.document_changes[0].text_document.version == 1  # refused by the editor once stale
    fixed = apply(MD, text_edits(fix.edit, uri), UTF16)
    assert fixed == MD.replace("U.S.U.S.", "U.S.")
    silenced = apply(MD, text_edits(disable.edit, uri), UTF16)
    assert "<!-- copydesk-disable-next-line DUP001 -->\nThe U.S.U.S. team won." in silenced
    after = await replace_all(client, uri, silenced, 2)
    assert [d.code for d in after] == ["DUP002"]
    # A diagnostic the client kept from version 1 is stale: no action for it.
    assert list(await actions(client, uri, abbr, only=[types.CodeActionKind.QuickFix])) == []
    assert fix_all.kind == FIX_ALL


@on_module_loop
async def test_an_unsafe_fix_says_so_and_plain_text_has_no_disable_comment(client: LanguageClient, workdir: Path):
    uri = (workdir / "unsafe.txt").as_uri()
    found = await open_doc(client, uri, "The the team won.\n", "plaintext")
    offered = await actions(client, uri, found)
    assert [a.title for a in offered] == ["Fix DUP002: 'The' is written twice (unsafe)"]
    assert not offered[0].is_preferred  # and no "fix all": the only fix is unsafe


@on_module_loop
async def test_a_byte_order_mark_is_a_character_before_the_text(client: LanguageClient, workdir: Path):
    uri = (workdir / "bom.txt").as_uri()
    text = "\ufeffThe U.S.U.S. team.\n"
    [abbr] = await open_doc(client, uri, text, "plaintext")
    assert (abbr.range.start.character, abbr.range.end.character) == (5, 13)
    [fix, fix_all] = await actions(client, uri, [abbr])
    assert apply(text, text_edits(fix_all.edit, uri), UTF16) == "\ufeffThe U.S. team.\n"


@on_module_loop
async def test_disable_comment_in_html(client: LanguageClient, workdir: Path):
    uri = (workdir / "page.html").as_uri()
    text = "<article>\n  <p>The 🎉 party was was fun.</p>\n  <p>The U.S.U.S. team.</p>\n</article>\n"
    found = await open_doc(client, uri, text, "html")
    assert published(found) == expected(text, "html", UTF16)
    was = [d for d in found if d.code == "DUP002"]
    disable = next(a for a in await actions(client, uri, was) if a.title.startswith("Disable"))
    silenced = apply(text, text_edits(disable.edit, uri), UTF16)
    assert "\n  <!-- copydesk-disable-next-line DUP002 -->\n  <p>The 🎉 party" in silenced
    assert [d.code for d in await replace_all(client, uri, silenced, 2)] == ["DUP001"]


@on_module_loop
async def test_fix_all_applies_what_copydesk_fix_applies(client: LanguageClient, workdir: Path):
    uri = (workdir / "all.md").as_uri()
    text = MD + "\nThe the end, and and more.\n\n- the U.N.U.N. vote\n"
    found = await open_doc(client, uri, text, "markdown")
    offered = await actions(client, uri, [], only=[types.CodeActionKind.SourceFixAll])
    assert [(a.title, a.kind) for a in offered] == [("copydesk: fix all safe problems", FIX_ALL)]
    fixed = apply(text, text_edits(offered[0].edit, uri), UTF16)
    assert fixed == fix_text(text, "markdown").text != text
    assert "The the end" in fixed  # the unsafe one stays
    remaining = await replace_all(client, uri, fixed, 2)
    assert [d.code for d in remaining] == ["DUP002"] and len(found) == 5
    assert list(await actions(client, uri, [], only=[FIX_ALL])) == []  # nothing left to fix safely


@on_module_loop
async def test_hover_shows_the_rule_docs(client: LanguageClient, workdir: Path):
    uri = (workdir / "hover.md").as_uri()
    await open_doc(client, uri, MD, "markdown")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=4, character=6)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert value.startswith("**DUP001** `duplication.doubled-abbreviation` (error; safe fix)")
    for section in ("What it does", "Why it matters", "Example", "Fix safety"):
        assert f"**{section}**" in value
    assert (hover.range.start.line, hover.range.start.character, hover.range.end.character) == (4, 4, 12)
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=2)))
    assert nothing is None


@on_module_loop
async def test_a_pack_edited_is_read_again_on_save(client: LanguageClient, workdir: Path):
    desk = workdir / "house"
    desk.mkdir()
    pack = """rules:
  - code: HSE001
    name: house.promo
    kind: boilerplate
    phrases: [{phrases}]
    docs: {{what: w, why: w, example: w, fix_safety: w}}
"""
    (desk / "house.yml").write_text(pack.format(phrases='"Acme deals corner"'), encoding="utf-8")
    (desk / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    uri = (desk / "promo.txt").as_uri()
    text = ("Talks went on.\n\nAcme deals corner\n\nThe council met on Monday and voted for the plan, officials said.\n\n"
            "Acme weekly digest\n")
    assert [d.code for d in await open_doc(client, uri, text, "plaintext")] == ["HSE001"]
    (desk / "house.yml").write_text(pack.format(phrases='"Acme deals corner", "Acme weekly digest"'), encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [d.code for d in await diagnostics_for(client, uri)] == ["HSE001", "HSE001"]


@on_module_loop
async def test_configuration_is_found_from_the_path_and_reread(client: LanguageClient, workdir: Path):
    desk = workdir / "sports"
    desk.mkdir()
    (desk / ".copydesk.toml").write_text('ignore = ["DUP002"]\n', encoding="utf-8")
    uri = (desk / "match.md").as_uri()
    assert [d.code for d in await open_doc(client, uri, MD, "markdown")] == ["DUP001"]
    # Untitled, and not a file: the defaults.
    assert {d.code for d in await open_doc(client, "untitled:Untitled-1", MD, "markdown")} == {"DUP001", "DUP002"}
    # The editor reports a config change: the documents are linted again.
    (desk / ".copydesk.toml").write_text('select = ["DUP002"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(desk / ".copydesk.toml").as_uri(), type=types.FileChangeType.Changed)]))
    assert [d.code for d in await diagnostics_for(client, uri)] == ["DUP002"]
    # A broken configuration: one diagnostic on the first line says why.
    (desk / ".copydesk.toml").write_text('select = ["NOPE999"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    [problem] = await diagnostics_for(client, uri)
    assert "configuration error" in problem.message and "NOPE999" in problem.message
    assert problem.range.start == problem.range.end == types.Position(line=0, character=0)
    assert any("NOPE999" in m.message for m in client.messages)
    # Excluded by the configuration: nothing, as `copydesk check` skips it.
    (desk / ".copydesk.toml").write_text('exclude = ["match.*"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(await diagnostics_for(client, uri)) == []
    document = types.TextDocumentIdentifier(uri=uri)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=document))
    assert list(await diagnostics_for(client, uri)) == []


# -- the Neovim client, and a rule that fails --------------------------------
# The server as `copydesk server` runs it, plus a rule that raises on any
# text holding "boom".
FAILING_SERVER = '''
from lint.run.registry import default_registry
from lint.core.rule import Rule


class Boom(Rule):
    """## What it does
    Fails.
    ## Why it matters
    Tests.
    ## Example
    boom
    ## Fix safety
    None."""

    code = "STY990"
    name = "style.test-boom"

    def check(self, doc):
        if "boom" in doc.source:
            raise ValueError("boom on purpose")
        return ()


default_registry().add(Boom())
from lint.server.lsp import serve

serve()
'''


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-c", FAILING_SERVER]))
async def nvim(lsp_client: LanguageClient):
    record(lsp_client)
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim@v0.11.0")))
    lsp_client.server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()


@on_module_loop
async def test_utf32_when_the_client_offers_it(nvim: LanguageClient):
    # Neovim offers utf-8 first; copydesk takes utf-32, as Python counts.
    assert nvim.server_capabilities.position_encoding == types.PositionEncodingKind.Utf32
    found = await open_doc(nvim, "untitled:1", MD, "markdown")
    assert published(found) == expected(MD, "markdown", UTF32)
    was = next(d for d in found if d.code == "DUP002")
    assert (was.range.start.character, was.range.end.character) == (12, 19)
    fix = next(a for a in await actions(nvim, "untitled:1", [was]) if a.title.startswith("Fix"))
    assert apply(MD, fix.edit.changes["untitled:1"], UTF32) == MD.replace("was was", "was")  # no documentChanges


@on_module_loop
async def test_a_failing_rule_is_logged_and_the_others_still_publish(nvim: LanguageClient):
    uri = "untitled:boom"
    text = "The boom was was loud.\n\nThe U.S.U.S. team.\n"
    found = await open_doc(nvim, uri, text, "text")
    assert published(found) == expected(text, "text", UTF32)  # lint.api does not have the failing rule
    assert any("STY990" in m.message and "boom on purpose" in m.message and m.type == types.MessageType.Error
               for m in nvim.log_messages)
    offered = await actions(nvim, uri, [], only=[FIX_ALL])
    assert apply(text, offered[0].edit.changes[uri], UTF32) == "The boom was loud.\n\nThe U.S. team.\n"
    # The server is alive: the next change is linted.
    assert list(await replace_all(nvim, uri, "No bang here, here.\n", 2)) == []


# -- open, change, code action and shutdown, in one client's session ---------
@pytest.mark.asyncio
async def test_a_whole_session_ends_with_a_clean_exit(tmp_path):
    client = pytest_lsp.make_test_lsp_client()
    record(client)
    await client.start_io(*server_command())
    await client.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim")))
    uri = (tmp_path / "story.txt").as_uri()
    await open_doc(client, uri, "The U.S.U.S. team.\n", "text")
    [abbr] = await replace_all(client, uri, "Today the U.S.U.S. team won.\n", 2)
    [fix, fix_all] = await actions(client, uri, [abbr])
    assert fix.title == "Fix DUP001: 'U.S.' is written twice" and fix_all.kind == FIX_ALL
    await client.shutdown_session()
    assert client._server.returncode == 0
    await client.stop()


def test_server_command_help_and_check_does_not_load_pygls():
    result = run_cli("server", "--help")
    assert result.returncode == 0 and b"docs/editors.md" in result.stdout
    probe = ("import sys\nfrom lint.cli import main\ntry:\n    main(['check', '--no-cache', '-j', '1', 'samples/'])\n"
             "except SystemExit:\n    pass\n"
             "print('LOADED', sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', 'lint.server'))))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout
    assert out.splitlines()[-1] == "LOADED []"


# -- positions and edits, in process ------------------------------------------
def test_positions_count_utf16_units_and_lsp_line_breaks_only():
    text = "a😀b\u2028c\r\nd\x85e\rf"
    lines = LineMap(text, UTF16)
    assert lines.position(text.index("b")) == (0, 3)
    assert lines.position(text.index("c")) == (0, 5)  # U+2028 is no line break
    assert lines.position(text.index("e")) == (1, 2)
    assert lines.position(text.index("f")) == (2, 0)
    assert lines.offset(0, 2) == text.index("😀") + 1  # inside the pair: after the emoji
    assert lines.offset(0, 99) == text.index("\r")  # past the end: the end of the line
    assert lines.offset(9, 0) == len(text)
    assert LineMap(text, UTF32).position(text.index("b")) == (0, 2)
    assert apply_change(text, UTF16, (0, 3), (1, 1), "X") == "a😀X\x85e\rf"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab😀\u2028\r\n\x85 é", max_size=30), st.sampled_from([UTF16, UTF32]))
def test_positions_round_trip(text, encoding):
    lines = LineMap(text, encoding)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            continue  # inside a "\r\n": no position names it
        assert lines.position(offset) == column(text, offset, encoding)
        assert lines.offset(*lines.position(offset)) == offset


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\r\n ", max_size=25), st.text(alphabet="ab\r\n ", max_size=25))
def test_minimal_edits_turn_the_old_text_into_the_new(old, new):
    edits = minimal_edits(old, new)
    text, last = old, len(old) + 1
    for e in reversed(edits):
        assert e.end <= last and e.start <= e.end
        for at in (e.start, e.end):
            assert not (0 < at < len(old) and old[at - 1] == "\r" and old[at] == "\n")
        text, last = text[: e.start] + e.replacement + text[e.end :], e.start
    assert text == new


def test_minimal_edits_of_fixes_between_blank_lines_are_one_a_line():
    """Paragraphs one a line with blank lines between, each fixed: an edit
    each, not one over the whole text (and matching thousands of equal
    blank lines no longer takes minutes)."""
    old = "".join(f"Story {i} said\u00a0so.\n\n" for i in range(3000))
    new = old.replace("\u00a0", " ")
    edits = minimal_edits(old, new)
    assert len(edits) == 3000 and all((e.end - e.start, e.replacement) == (1, " ") for e in edits)


def _structure(text: str) -> list[str]:
    """The Markdown block structure, comments aside."""
    return [t.type for t in MarkdownIt("commonmark").parse(text) if t.type != "html_block" and t.nesting >= 0]


@pytest.mark.parametrize("text, where, expect", [
    ("Intro line.\n\nThe team was was here.\n", "was was",
     "Intro line.\n\n<!-- copydesk-disable-next-line DUP002 -->\nThe team was was here.\n"),
    ("A wrapped paragraph\nthat says was was twice.\n", "was was",
     "A wrapped paragraph <!-- copydesk-disable-next-line DUP002 -->\nthat says was was twice.\n"),
    ("Hard break  \nthen was was.\n", "was was",
     "Hard break <!-- copydesk-disable-next-line DUP002 -->  \nthen was was.\n"),
    ("- one item\n- the the item\n", "the the",
     "- one item <!-- copydesk-disable-next-line DUP002 -->\n- the the item\n"),
    ("> quoted line\n> said was was\n", "was was",
     "> quoted line <!-- copydesk-disable-next-line DUP002 -->\n> said was was\n"),
    ("Title\n=====\nand was was.\n", "was was",
     "Title\n=====\n<!-- copydesk-disable-next-line DUP002 -->\nand was was.\n"),
    ("The team was was here.\r\n", "was was",
     "<!-- copydesk-disable-next-line DUP002 -->\r\nThe team was was here.\r\n"),
    ("<!-- copydesk-disable-next-line DUP001 -->\nThe U.S.U.S. team was was here.\n", "was was",
     "<!-- copydesk-disable-next-line DUP001, DUP002 -->\nThe U.S.U.S. team was was here.\n"),
    ("See [the report][a].\n\n[a]: https://example.com/report\nThe team was was here.\n", "was was",
     "See [the report][a].\n\n[a]: https://example.com/report\n<!-- copydesk-disable-next-line DUP002 -->\n"
     "The team was was here.\n"),
    # After code the directive goes on a line of its own, not into the code.
    ("Para.\n\n    code block\nShares in the the firm rose.\n", "the the",
     "Para.\n\n    code block\n<!-- copydesk-disable-next-line DUP002 -->\nShares in the the firm rose.\n"),
    # A byte-order mark stays the first character.
    ("\ufeffThe team was was here.\n", "was was",
     "\ufeff<!-- copydesk-disable-next-line DUP002 -->\nThe team was was here.\n"),
])
def test_disable_comment_in_markdown_keeps_the_blocks(text, where, expect):
    at = text.index(where)
    [target] = [d for d in check_text(text, "markdown") if d.start == at]
    edit = disable_next_line(text, "markdown", at, target.code)
    silenced = text[: edit.start] + edit.replacement + text[edit.end :]
    assert silenced == expect
    assert _structure(silenced) == _structure(text)
    assert [d.code for d in check_text(silenced, "markdown")] == [
        d.code for d in check_text(text, "markdown") if d is not target and d.code != target.code]


@pytest.mark.parametrize("text", [
    "Intro `code\nspan` and the the firm.\n",  # the line before ends inside a code span
    "Intro <!-- note\nstill --> the the firm.\n",  # ... inside a comment
    "Intro line here.\\\nShares in the the firm rose.\n",  # ... on a hard break: a line of its own splits the paragraph
])
def test_no_disable_comment_where_every_place_changes_the_page(text):
    assert disable_next_line(text, "markdown", text.index("the the"), "DUP002") is None


@pytest.mark.parametrize("text", [
    "| Team | Note |\n|---|---|\n| Reds | fine |\n| Blues | was was |\n",
    "Team | Note\n--- | ---\nBlues | was was\n",
])
def test_no_disable_comment_inside_a_markdown_table(text):
    """A line between a table's rows would end the table, and text after a
    row would be a cell of it: no place keeps the table whole."""
    assert disable_next_line(text, "markdown", text.index("was was"), "DUP002") is None


def test_disable_comment_in_html_and_none_inside_a_tag_or_in_plain_text():
    text = '<p class="a"\n   title="b">was was</p>\n'
    assert disable_next_line(text, "html", text.index("was was"), "DUP002") is None
    assert disable_next_line("was was\n", "text", 0, "DUP002") is None
    text = "<div>\n<p>It was was.</p>\n</div>\n"
    edit = disable_next_line(text, "html", text.index("was was"), "DUP002")
    silenced = text[: edit.start] + edit.replacement + text[edit.end :]
    assert silenced == "<div>\n<!-- copydesk-disable-next-line DUP002 -->\n<p>It was was.</p>\n</div>\n"
    assert check_text(silenced, "html") == []

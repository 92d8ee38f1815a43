"""Text files that are not UTF-8: found, checked, reported once (ENC005),
written back in their own encoding, or as UTF-8 when asked."""

from __future__ import annotations

import codecs
import json

import pytest
from conftest import run_cli

from lint.run.files import InputError, decode

STORY = "The minister\u2019s caf\u00e9 team met the U.S.U.S. envoy on Monday.\n"


def _json(result):
    return [(r["code"], r["start"], r["end"]) for r in json.loads(result.stdout)]


def test_a_windows_1252_article_is_checked_and_its_findings_reported(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("cp1252"))
    result = run_cli("check", "--no-cache", "--format", "json", str(path))
    assert result.returncode == 1, result.stderr
    assert _json(result) == [("ENC005", 0, 0), ("DUP001", 33, 41)]  # code-point offsets into the decoded text
    text = run_cli("check", "--no-cache", str(path)).stdout.decode()
    assert "ENC005 the file is in Windows-1252, not UTF-8" in text


def test_fix_writes_a_file_back_in_its_own_encoding(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("cp1252"))
    result = run_cli("fix", "--no-cache", str(path))
    assert result.returncode == 1  # ENC005 remains
    assert path.read_bytes() == STORY.replace("U.S.U.S.", "U.S.").encode("cp1252")


def test_encoding_fix_writes_utf8(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("cp1252"))
    result = run_cli("fix", "--no-cache", "--encoding-fix", str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == STORY.replace("U.S.U.S.", "U.S.").encode("utf-8")
    assert b"Fixed 2 problems in 1 file; 0 remain." in result.stdout


def test_the_setting_asks_for_utf8_too(tmp_path):
    (tmp_path / ".copydesk.toml").write_text("encoding-fix = true\n", encoding="utf-8")
    path = tmp_path / "story.txt"
    path.write_bytes("Le caf\u00e9.\n".encode("cp1252"))
    assert run_cli("fix", "--no-cache", "story.txt", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == "Le caf\u00e9.\n".encode("utf-8")


def test_a_fix_the_encoding_cannot_hold_is_refused_by_name(tmp_path):
    """ENC002 writes "’" for "&#8217;": Latin-1 has no such character."""
    path = tmp_path / "story.txt"
    data = "It&#8217;s the café U.S.U.S. team.\n".encode("latin-1")
    path.write_bytes(data)
    result = run_cli("fix", "--no-cache", "--encoding", "latin-1", str(path))
    assert result.returncode == 2 and path.read_bytes() == data
    assert result.stderr.decode() == (f"copydesk: error: {path}: not written: Latin-1 (ISO 8859-1) cannot hold "
                                      "'’' (U+2019) that a fix wrote; fix with --encoding-fix to write UTF-8\n")
    assert run_cli("fix", "--no-cache", "--encoding", "latin-1", "--encoding-fix", str(path)).returncode == 0
    assert path.read_bytes() == "It’s the café U.S. team.\n".encode("utf-8")


def test_utf16_with_its_mark_round_trips(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-16"))
    assert _json(run_cli("check", "--no-cache", "--format", "json", str(path))) == [("ENC005", 0, 0), ("DUP001", 33, 41)]
    run_cli("fix", "--no-cache", str(path))
    assert path.read_bytes().decode("utf-16") == STORY.replace("U.S.U.S.", "U.S.")


@pytest.mark.parametrize("codec,bom", [("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_a_byte_order_mark_keeps_its_byte_order(tmp_path, codec, bom):
    """A fixed file is written back in the byte order its mark names, not
    the machine's."""
    path = tmp_path / "story.txt"
    path.write_bytes(bom + STORY.encode(codec))
    assert run_cli("fix", "--no-cache", str(path)).returncode == 1  # ENC005 remains
    assert path.read_bytes() == bom + STORY.replace("U.S.U.S.", "U.S.").encode(codec)


@pytest.mark.parametrize("given,codec,bom", [
    ("utf-16", "utf-16-be", codecs.BOM_UTF16_BE),  # the mark's order, not the machine's
    ("UTF16", "utf-16-le", b""),  # no mark: none is added
    ("utf-32", "utf-32-be", codecs.BOM_UTF32_BE),
])
def test_an_encoding_given_without_byte_order_keeps_the_files(tmp_path, given, codec, bom):
    path = tmp_path / "story.txt"
    path.write_bytes(bom + STORY.encode(codec))
    assert run_cli("fix", "--no-cache", "--encoding", given, str(path)).returncode == 1  # ENC005 remains
    assert path.read_bytes() == bom + STORY.replace("U.S.U.S.", "U.S.").encode(codec)


def test_encoding_overrides_what_is_found(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Der K\u00e4se kostet 5 \u20ac.\n".encode("iso8859-15"))
    result = run_cli("check", "--no-cache", "--encoding", "iso8859-15", "--format", "json", str(path))
    assert _json(result) == [("ENC005", 0, 0)]
    assert run_cli("check", "--encoding", "nope", str(path)).returncode == 2


@pytest.mark.parametrize("data,reason", [
    (b"caf\xc3\xa9 and caf\xe9\n", "not valid UTF-8 (byte 0xe9 at offset 13, line 1)"),  # damaged UTF-8
    ("zip", "binary file (a ZIP archive, as Word files are; copydesk reads Word files named .docx)"),
])
def test_what_is_not_another_encoding(data, reason):
    if data == "zip":
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "<w:document>" + "text " * 200 + "</w:document>")
        data = buffer.getvalue()
    with pytest.raises(InputError, match=reason.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        decode(data, "x.txt")


def test_windows_1252_is_preferred_over_its_cousins():
    assert decode("The minister\u2019s caf\u00e9.\n".encode("cp1252"), "x.txt").encoding == "cp1252"
    assert decode("\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u0437\u0430\u044f\u0432\u0438\u043b\u043e.\n"
                  .encode("cp1251"), "x.txt").encoding == "cp1251"

"""`reportgen translations export/import`: XLIFF 2.0 files checked against the OASIS core
schema (tests/xliff, see its README), read and written back by translate-toolkit, and a
round trip that gives back the fixture store's editions."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from reportgen.provenance import fingerprint

EDITIONS = Path(__file__).resolve().parent / "editions"
SCHEMAS = Path(__file__).resolve().parent / "xliff"
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def _schema() -> etree.XMLSchema:
    class Local(etree.Resolver):
        """The W3C xml.xsd the OASIS schema imports, from tests/xliff, not the network."""

        def resolve(self, url, pubid, context):
            if url.endswith("/xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_core_2.0.xsd"), parser))


def _valid(data: bytes) -> None:
    schema = _schema()
    assert schema.validate(etree.fromstring(data)), schema.error_log


@pytest.fixture
def store(tmp_path) -> Path:
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    return tmp_path


def _export(run, store: Path, code: str, *more: str) -> tuple[bytes, str]:
    result = run("translations", "export", "--root", str(store), "--lang", code, *more)
    assert result.exit_code == 0, result.output
    return (store / "build" / "2020-2022" / f"report.{code}.xlf").read_bytes(), result.output


def _unit(data: bytes, ident: str) -> etree._Element:
    found = etree.fromstring(data).find(f".//x:unit[@id='{ident}']", NS)
    assert found is not None, ident
    return found


def _strip(store: Path, block: str, code: str) -> None:
    """Take the ``code`` translation out of a block file."""
    path = store / "content" / "blocks" / f"{block}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  {code}:\n")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"  \S", lines[i])),
               len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


@pytest.mark.slow
def test_export_is_valid_xliff_2_with_units_states_and_placeholders(store, run):
    _strip(store, "cop-tenth", "fr")
    intro = store / "content/blocks/introduction.yml"
    text = intro.read_text(encoding="utf-8")
    english = ("The present report covers the period from July 2020 to July 2022.\n\n"
               "As of July 2022, there were {{ fact.parties }} parties to the Protocol.[^treaty]\n")
    intro.write_text(text.replace(
        "      treaty: Voir la Collection des traités des Nations Unies.\n",
        "      treaty: Voir la Collection des traités des Nations Unies.\n"
        f"    sources:\n      text: {fingerprint(english)}\n"), encoding="utf-8")
    strategy = store / "content/blocks/strategy.yml"
    strategy.write_text(strategy.read_text(encoding="utf-8").replace(
        "      - l'appui aux processus intergouvernementaux.\n",
        "      - l'appui aux processus intergouvernementaux.\n    sources:\n"
        "      text: 0123456789abcdef\n"), encoding="utf-8")
    data, output = _export(run, store, "fr")
    _valid(data)
    root = etree.fromstring(data)
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", "fr")
    # a paragraph with no translation: its sentences as segments, no target
    new = _unit(data, "b.cop-tenth.text.1")
    assert [s.get("state") for s in new.findall("x:segment", NS)] == [None]
    assert new.find("x:segment/x:target", NS) is None
    assert new.find("x:notes/x:note[@category='reportgen-location']", NS).text == \
        "content/blocks/cop-tenth.yml:1"
    # the note is a unit of its own; the call is a placeholder in the paragraph
    assert _unit(data, "b.cop-tenth.fn.cop.1").find("x:segment/x:source", NS).text == \
        "See CTOC/COP/2020/10."
    call = new.find("x:segment/x:source/x:ph", NS)
    assert call.get("subType") == "reportgen:note-call"
    assert new.find(f"x:originalData/x:data[@id='{call.get('dataRef')}']", NS).text == "[^cop]"
    # a translation made from the text as it is: locked, final; a fact shows its value
    current = _unit(data, "b.introduction.text.2")
    assert current.get("translate") == "no"
    assert current.find("x:segment", NS).get("state") == "final"
    fact = current.find("x:segment/x:source/x:ph[@subType='reportgen:variable']", NS)
    assert fact.get("disp") == "150"
    assert current.find(f"x:originalData/x:data[@id='{fact.get('dataRef')}']", NS).text == \
        "{{ fact.parties }}"
    target = current.find("x:segment/x:target", NS)
    assert target.text == "En juillet 2022, le Protocole comptait "
    # a translation of an older source: kept as the target, to be reviewed
    stale = _unit(data, "b.strategy.text.1")
    assert [(s.get("state"), s.get("subState")) for s in stale.findall("x:segment", NS)] == [
        ("initial", "reportgen:stale"), ("initial", "reportgen:stale")]
    # two sentences of one paragraph: two segments, the space between them ignorable
    assert [s.get("id") for s in _unit(data, "b.strategy.text.1").findall("x:segment", NS)] \
        == ["s1", "s2"]
    assert _unit(data, "b.strategy.text.1").find("x:ignorable/x:source", NS).text == " "
    words = re.search(r"(\d+) new words, (\d+) words in changed units, (\d+) words unchanged",
                      output)
    new_words = len(("At its tenth session, held in Vienna from 12 to 16 October 2020, the "
                     "Conference adopted resolution 10/5 on the Protocol. See "
                     "CTOC/COP/2020/10.").split())
    changed_words = len(('UNODC continues to implement its comprehensive strategy, "Protect, '
                         'prevent, prosecute", to combat the smuggling of migrants. It includes: '
                         "technical cooperation with Member States; support for "
                         "intergovernmental processes.").split())
    assert words and (int(words.group(1)), int(words.group(2))) == (new_words, changed_words), \
        output


@pytest.mark.slow
def test_only_missing_and_only_stale(store, run):
    _strip(store, "cop-tenth", "fr")
    data, output = _export(run, store, "fr", "--only", "missing")
    ids = [u.get("id") for u in etree.fromstring(data).iter(f"{{{NS['x']}}}unit")]
    assert ids == ["b.cop-tenth.text.1", "b.cop-tenth.fn.cop.1"]
    assert "23 new words, 0 words in changed units, 0 words unchanged" in output
    result = run("translations", "export", "--root", str(store), "--lang", "fr", "--only",
                 "stale")
    assert result.exit_code == 1
    assert "nothing to export for 2020-2022 (--only stale); nothing written" in result.output


@pytest.mark.slow
def test_translate_toolkit_reads_and_writes_the_file_back(store, run):
    from translate.storage.xliff2 import Xliff2File

    data, _ = _export(run, store, "es")
    parsed = Xliff2File.parsestring(data)
    segments = etree.fromstring(data).findall(".//x:segment", NS)
    assert len(parsed.units) == len(segments)
    unit = next(u for u in parsed.units if u.getid() == "b.cop-tenth.text.1::s1")
    assert unit.source.startswith("At its tenth session, held in Vienna")
    assert unit.target.startswith("En su décimo período de sesiones")
    again = bytes(parsed)
    _valid(again)
    path = store / "returned.xlf"
    path.write_bytes(again)
    result = run("translations", "import", "--root", str(store), str(path))
    assert result.exit_code == 0, result.output


def _translator(empty: bytes, filled: bytes) -> bytes:
    """A test translator working in translate-toolkit: each segment's target taken from
    the same segment of a file exported from the translated store."""
    from translate.storage.xliff2 import Xliff2File

    work = Xliff2File.parsestring(empty)
    reference = {u.getid(): u for u in Xliff2File.parsestring(filled).units}
    for unit in work.units:
        done = reference[unit.getid()].xmlelement.find("{%s}target" % NS["x"])
        assert done is not None, unit.getid()
        segment = unit.xmlelement
        old = segment.find("{%s}target" % NS["x"])
        if old is not None:
            segment.remove(old)
        segment.append(etree.fromstring(etree.tostring(done)))
    return bytes(work)


@pytest.mark.slow
def test_round_trip_export_translate_import_build_gives_the_same_editions(tmp_path, run):
    reference = tmp_path / "reference"
    shutil.copytree(EDITIONS / "content", reference / "content")
    work = tmp_path / "work"
    shutil.copytree(EDITIONS / "content", work / "content")
    codes = ("fr", "es", "ru", "ar", "zh")
    for path in (work / "content").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if "translations:" in text:  # every translation taken out of the work store
            path.write_text(_without_translations(text), encoding="utf-8")
    for code in codes:
        filled, _ = _export(run, reference, code)
        empty, output = _export(run, work, code)
        assert " 0 new words" not in output
        returned = tmp_path / f"returned.{code}.xlf"
        returned.write_bytes(_translator(empty, filled))
        result = run("translations", "import", "--root", str(work), str(returned))
        assert result.exit_code == 0, result.output
        assert "0 stale units not applied" in result.output, result.output
    for root in (reference, work):
        result = run("build", "--root", str(root), "--lang", "all", "--format", "md",
                     "--format", "html")
        assert result.exit_code == 0, result.output
    for code in codes:
        for ext in ("md", "html"):
            name = f"report.{code}.{ext}"
            assert (work / "build/2020-2022" / name).read_text(encoding="utf-8") == \
                (reference / "build/2020-2022" / name).read_text(encoding="utf-8"), name
    # imported translations record their source, so the next export locks them
    again, output = _export(run, work, "fr")
    assert "0 new words, 0 words in changed units" in output
    assert all(u.get("translate") == "no"
               for u in etree.fromstring(again).iter(f"{{{NS['x']}}}unit"))


def _without_translations(text: str) -> str:
    """A content file's text without its ``translations:`` mappings (at any depth)."""
    out, skip = [], None
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if skip is not None:
            if line.strip() and indent <= skip:
                skip = None
            else:
                continue
        if line.lstrip(" -").startswith("translations:"):
            skip = indent + (2 if line.lstrip().startswith("-") else 0)
            continue
        out.append(line)
    return "".join(out)


def test_import_refuses_unknown_units_and_wrong_placeholders(store, run):
    data, _ = _export(run, store, "fr")
    text = data.decode("utf-8")
    # the fact's placeholder dropped from the translation of the introduction's 2nd paragraph
    unit = re.search(r'<unit id="b.introduction.text.2".*?</unit>', text).group(0)
    target = re.search(r"<target>.*?</target>", unit).group(0)
    without = re.sub(r'<ph id="1"[^>]*/>', "", target, count=1)
    text = text.replace(unit, unit.replace(target, without).replace(
        'translate="no" ', ""))
    text = text.replace('<unit id="h.cop.1"', '<unit id="h.nowhere.1"')
    # a code the tool made up, with no original data
    text = text.replace("<target>Vienne</target>", '<target>Vienne<ph id="9" dataRef="d9"/></target>')
    path = store / "returned.xlf"
    path.write_text(text, encoding="utf-8")
    before = {p: p.read_bytes() for p in (store / "content").rglob("*.yml")}
    result = run("translations", "import", "--root", str(store), str(path))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert any(re.fullmatch(rf"{re.escape(str(path))}:\d+: error: unit 'h.nowhere.1' is not a "
                            r"text of the 2020-2022 report \(exported from another store or "
                            r"period\?\)", line) for line in lines), lines
    assert any("error: unit 'b.introduction.text.2': placeholder 1 ({{ fact.parties }}) is "
               "missing from the translation" in line for line in lines), lines
    assert any("error: unit 'p.venue.1': placeholder 9 is neither in the source nor defined "
               "in the unit's original data" in line for line in lines), lines
    assert "Traceback" not in result.output
    assert before == {p: p.read_bytes() for p in (store / "content").rglob("*.yml")}


def test_a_unit_translated_from_an_older_source_is_stale_not_applied(store, run):
    _strip(store, "cop-tenth", "fr")
    data, _ = _export(run, store, "fr", "--only", "missing")
    text = data.decode("utf-8")
    text = text.replace("<source>See CTOC/COP/2020/10.</source>",
                        "<source>See CTOC/COP/2020/10.</source><target>Voir CTOC/COP/2020/10."
                        "</target>")
    text = re.sub(r'(<unit id="b.cop-tenth.text.1".*?<source>)(.*?)(</source>)',
                  lambda m: m.group(1) + m.group(2) + m.group(3) + "<target>"
                  + m.group(2).replace("At its tenth session", "À sa dixième session")
                  + "</target>", text, flags=re.S)
    block = store / "content/blocks/cop-tenth.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "the Conference adopted", "the Conference then adopted", 1), encoding="utf-8")
    path = store / "returned.xlf"
    path.write_text(text, encoding="utf-8")
    result = run("translations", "import", "--root", str(store), str(path))
    assert result.exit_code == 0, result.output
    assert re.search(rf"{re.escape(str(path))}:\d+: warning: unit 'b.cop-tenth.text.1' was "
                     r"translated from a text that has changed since "
                     r"\(content/blocks/cop-tenth.yml\); not applied: export it again",
                     result.output), result.output
    written = block.read_text(encoding="utf-8")
    assert "À sa dixième session" not in written
    # the note's source did not change, but a note is not applied without the text
    assert "the block's text has no translation yet; not applied" in result.output


@pytest.mark.slow
def test_an_imported_translation_is_written_with_its_source_fingerprint(store, run):
    _strip(store, "cop-tenth", "fr")
    data, _ = _export(run, store, "fr", "--only", "missing")
    text = re.sub(r"(<segment id=\"s1\"><source>)(.*?)(</source>)",
                  lambda m: m.group(0) + "<target>" + m.group(2) + " (fr)</target>",
                  data.decode("utf-8"))
    path = store / "returned.xlf"
    path.write_text(text, encoding="utf-8")
    result = run("translations", "import", "--root", str(store), str(path))
    assert result.exit_code == 0, result.output
    written = (store / "content/blocks/cop-tenth.yml").read_text(encoding="utf-8")
    english = ("At its tenth session, held in Vienna from 12 to 16 October 2020, the "
               "Conference adopted resolution 10/5 on the Protocol.[^cop]\n")
    assert ("  fr:\n    text: |\n      At its tenth session, held in Vienna from 12 to 16 "
            "October 2020, the Conference adopted resolution 10/5 on the Protocol.[^cop] (fr)\n"
            ) in written
    assert f"      text: {fingerprint(english)}\n" in written
    assert "      footnotes.cop: " in written
    assert run("build", "--root", str(store), "--lang", "fr", "--format", "md").exit_code == 0


@pytest.mark.parametrize("content, message", [
    (b"<x", "returned.xlf:1: error: not well-formed XML (broken at column 3)"),
    (b"<x/>", 'returned.xlf:1: error: not an XLIFF 2.0 file (its root is not an <xliff '
              'version="2.0"> in urn:oasis:names:tc:xliff:document:2.0)'),
])
def test_a_file_that_is_not_xliff_is_one_line(store, run, content, message):
    (store / "returned.xlf").write_bytes(content)
    result = run("translations", "import", "--root", str(store), str(store / "returned.xlf"))
    assert result.exit_code == 1
    assert result.output.strip().endswith(message)
    assert len(result.output.strip().splitlines()) == 1


def test_importing_a_file_nobody_translated_changes_nothing_and_says_so(store, run):
    _strip(store, "cop-tenth", "fr")
    _export(run, store, "fr", "--only", "missing")
    before = {p: p.read_bytes() for p in (store / "content").rglob("*.yml")}
    result = run("translations", "import", "--root", str(store),
                 str(store / "build/2020-2022/report.fr.xlf"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines() == [
        f"{store / 'build/2020-2022/report.fr.xlf'}: 0 texts translated, 0 stale units not "
        "applied, 0 locked units unchanged, 2 texts left untranslated; 0 content files written"]
    assert before == {p: p.read_bytes() for p in (store / "content").rglob("*.yml")}

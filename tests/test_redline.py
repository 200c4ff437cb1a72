"""``reportgen redline``: the period's report compared with an earlier version."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT, SEED_REPORT, write
from redline_scenario import new_partners_block
from test_layout import VNU

APPROACH = "content/blocks/introduction/introduction-approach.yml"
EPOCH = 1700000000  # 2023-11-14T22:13:20Z: the date the revisions carry
AUTHOR = "Policy Analysis Section"
REVIEW = "content/blocks/conclusions/conclusions-review-mechanism.yml"
KOSOVO = "content/blocks/criminal-justice/capacity-building-countries.yml"
NEW_BLOCK = new_partners_block("2020-2022")
#: a block that refers to a paragraph after the insertion point: renumbering changes
#: the number it shows, which is not a change of the paragraph
REFERRING = """\
id: conclusions-see-training
place: conclusions
period: 2020-2022
order: 90
text: |
  Training for law enforcement is described above (see [](ref:capacity-building-countries)).
"""


def _build_md(root, out=None):
    from reportgen.build import build

    build(root, ["2020-2022"], formats=("md",), kinds=("report",), out=out)


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The shipped workspace with a referring paragraph, built (the submitted version),
    then one word changed in one block and one block added before most paragraphs."""
    root = tmp_path_factory.mktemp("redline")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    write(root / "content/blocks/conclusions/conclusions-see-training.yml", REFERRING)
    _build_md(root)
    submitted = root / "submitted.md"
    shutil.copy(root / "build/2020-2022/report.md", submitted)
    _edit(root / APPROACH, "comprehensive and cooperative", "thorough and cooperative")
    write(root / "content/blocks/introduction/introduction-new-partners.yml", NEW_BLOCK)
    return root, submitted


@pytest.fixture(scope="module")
def redlined(edited):
    from click.testing import CliRunner

    from reportgen.cli import main

    root, submitted = edited
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        result = CliRunner().invoke(main, ["redline", str(submitted), "--period", "2020-2022",
                                           "--root", str(root), "--author", AUTHOR])
    html = (root / "build/2020-2022/report.redline.html").read_text(encoding="utf-8")
    return result, html


@pytest.mark.slow
def test_one_word_and_one_block_give_one_changed_and_one_added(redlined):
    result, _ = redlined
    assert result.exit_code == 0, result.output
    assert result.output == ("2020-2022: 1 paragraph changed, 1 added, 0 removed, 0 moved; "
                             "notes: 0 changed\n")


@pytest.mark.slow
def test_html_marks_the_changed_words_and_the_added_paragraph(redlined):
    _, html = redlined
    assert ("using a <del>comprehensive</del> <ins>thorough</ins> and cooperative approach"
            in html)
    assert ('<p id="para-4" class="para added"><span class="para-num">4.</span><ins>UNODC also '
            'worked with two new regional partners on the smuggling of migrants.</ins>') in html
    # and the 73 paragraphs renumbered by it: their old number deleted, the new inserted
    assert '<span class="para-num"><del>4.</del><ins>5.</ins></span>In the period' in html
    assert html.count("<ins>") == 2 + 73 and html.count("<del>") == 1 + 73


@pytest.mark.slow
def test_summary_counts_links_and_notes_renumbering_once(redlined):
    _, html = redlined
    summary = html[html.index('<section class="redline-summary"'):html.index("</section>")]
    assert ("Paragraphs: 75 unchanged, 1 changed, 1 added, 0 removed, 0 moved. "
            "Notes: 0 changed, 0 added, 0 removed.") in summary
    # paragraphs 4-76 of the submitted version are now 5-77
    assert "73 paragraphs only changed number" in summary
    assert '<li>Changed: <a href="#para-3">3</a></li>' in summary
    assert '<li>Added: <a href="#para-4">4</a></li>' in summary
    assert 'id="para-3" class="para changed"' in html


@pytest.mark.slow
def test_a_reference_that_follows_renumbering_is_no_change(redlined):
    _, html = redlined
    # para. 46 in the submitted version, para. 47 now: the same paragraph
    assert 'class="para unchanged"><span class="para-num"><del>76.</del><ins>77.</ins></span>' \
           'Training for law enforcement is described above (see para. 47).' in html


def _redline_after_edit(workspace, run, path, old, new):
    """Build the 2020-2022 report, edit one file, and compare with the built report."""
    _build_md(workspace)
    submitted = shutil.copy(workspace / "build/2020-2022/report.md", workspace / "old.md")
    if old is None:
        (workspace / path).unlink()
    else:
        _edit(workspace / path, old, new)
    result = run("redline", str(submitted), "--period", "2020-2022", "--root", str(workspace))
    return result.output, (workspace / "build/2020-2022/report.redline.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_moving_a_paragraph_is_not_deleting_and_adding_it(workspace, run):
    output, html = _redline_after_edit(workspace, run, APPROACH, "order: 30", "order: 5")
    assert output == ("2020-2022: 0 paragraphs changed, 0 added, 0 removed, 1 moved; "
                      "notes: 0 changed\n")
    assert '<li>Moved: <a href="#para-1">1</a></li>' in html
    assert "(moved; was paragraph 3)" in html
    # the two paragraphs it moved before: renumbered, no other change
    assert ('<span class="para-num"><del>1.</del><ins>2.</ins></span>The present report'
            in html)
    assert html.count("<del>") == html.count("<ins>") == 2
    docx = workspace / "build/2020-2022/report.redline.docx"
    # the move, and paragraphs 1 and 2 renumbered by it: old number deleted, new inserted
    assert [(kind, text[:12]) for kind, text, *_ in _revisions(docx)] == [
        ("insertion", "1. Through i"), ("paragraph-insertion", ""),
        ("deletion", "1."), ("insertion", "2."), ("deletion", "2."), ("insertion", "3."),
        ("deletion", "3. Through i"), ("paragraph-deletion", "")]
    accepted, rejected = _plain(docx, "accept"), _plain(docx, "reject")
    assert accepted.index("Through its global") < accepted.index("The present report")
    assert rejected.index("The present report") < rejected.index("Through its global")
    assert accepted.count("Through its global") == rejected.count("Through its global") == 1


@pytest.mark.slow
def test_a_changed_footnote_is_counted_and_marked(workspace, run):
    output, html = _redline_after_edit(workspace, run, KOSOVO, "shall be understood",
                                       "are to be understood")
    assert output == ("2020-2022: 0 paragraphs changed, 0 added, 0 removed, 0 moved; "
                      "notes: 1 changed\n")
    assert ('<li class="changed"><span class="fn-num">1</span> References to Kosovo'
            ' <del>shall</del> <ins>are to</ins> be understood') in html
    revisions = _revisions(workspace / "build/2020-2022/report.redline.docx")
    assert [(kind, text) for kind, text, _, _ in revisions] == [
        ("deletion", "shall"), ("insertion", "are to")]


@pytest.mark.slow
def test_a_removed_first_paragraph_stays_under_its_heading(workspace, run):
    output, html = _redline_after_edit(workspace, run, KOSOVO, None, None)
    assert output == ("2020-2022: 0 paragraphs changed, 0 added, 1 removed, 0 moved; "
                      "notes: 0 changed, 0 added, 1 removed\n")
    assert (html.index('id="para-45"') < html.index('id="sec-criminal-justice"')
            < html.index('id="removed-46"') < html.index('id="para-46"'))
    rejected = _plain(workspace / "build/2020-2022/report.redline.docx", "reject")
    assert (rejected.index("Strengthening criminal justice responses")
            < rejected.index("46. During the reporting period, UNODC delivered capacity")
            < rejected.index("47. Through Global Action"))  # its number before
    assert "References to Kosovo shall be understood" in rejected


@pytest.mark.slow
def test_a_removed_paragraph_is_struck_out_where_it_stood(workspace, run):
    output, html = _redline_after_edit(workspace, run, REVIEW, None, None)
    assert output == ("2020-2022: 0 paragraphs changed, 0 added, 1 removed, 0 moved; "
                      "notes: 0 changed\n")
    assert ('<p id="removed-74" class="para removed"><span class="para-num">74.</span>'
            '<del>The timely implementation of the Review Mechanism') in html
    assert html.index('id="para-73"') < html.index('id="removed-74"') < html.index('id="para-74"')
    docx = workspace / "build/2020-2022/report.redline.docx"
    assert [(kind, text[:20]) for kind, text, *_ in _revisions(docx)] == [
        ("deletion", "74. The timely imple"), ("paragraph-deletion", ""),
        ("deletion", "75."), ("insertion", "74.")]
    assert "74. The timely implementation of the Review Mechanism" in _plain(docx, "reject")
    assert "The timely implementation" not in _plain(docx, "accept")


@pytest.mark.slow
def test_the_shipped_store_against_seed_004_has_no_changes(tmp_path, run):
    result = run("redline", str(SEED_REPORT), "--period", "2020-2022", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert result.output == ("2020-2022: 0 paragraphs changed, 0 added, 0 removed, 0 moved; "
                             "notes: 0 changed\n")
    html = (tmp_path / "2020-2022/report.redline.html").read_text(encoding="utf-8")
    assert "Paragraphs: 75 unchanged, 0 changed" in html
    assert "<ins>" not in html and "<del>" not in html


@pytest.mark.slow
def test_period_over_period_shows_what_is_kept_word_for_word(workspace, run):
    """A 2022-2024 paragraph that repeats a 2020-2022 one is unchanged; the rest is new."""
    kept = (workspace / APPROACH).read_text(encoding="utf-8")
    write(workspace / "content/blocks/introduction/approach-2022-2024.yml",
          kept.replace("id: introduction-approach", "id: approach-2022-2024")
              .replace("period: 2020-2022", "period: 2022-2024"))
    _build_md(workspace)
    result = run("redline", str(workspace / "build/2020-2022/report.md"), "--period", "2022-2024",
                 "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output == ("2022-2024: 2 paragraphs changed, 3 added, 72 removed, "
                             "0 moved; notes: 0 changed, 0 added, 2 removed\n")
    html = (workspace / "build/2022-2024/report.redline.html").read_text(encoding="utf-8")
    assert "Paragraphs: 1 unchanged" in html
    assert ('class="para unchanged"><span class="para-num">3.</span>Through its global and '
            'regional programmes') in html
    # the session moved on: a changed word in the standing introduction
    assert " <del>eleventh</del> <ins>twelfth</ins>" in html


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed")
@pytest.mark.skipif(not VNU.exists(), reason="vnu.jar not installed (npm install vnu-jar in .tools/)")
def test_redline_html_passes_the_nu_html_checker(edited, redlined):
    root, _ = edited
    page = root / "build/2020-2022/report.redline.html"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(page)],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


# -- a git revision ------------------------------------------------------------------------

def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_revision_is_built_as_the_baseline(tmp_path, run):
    root = tmp_path / "repo" / "report"  # a workspace in a subfolder of the repository
    shutil.copytree(ROOT / "content", root / "content")
    _git(tmp_path / "repo", "init", "-q")
    _git(tmp_path / "repo", "add", "-A")
    _git(tmp_path / "repo", "commit", "-q", "-m", "submitted")
    _edit(root / APPROACH, "comprehensive and cooperative", "thorough and cooperative")
    result = run("redline", "git:HEAD", "--period", "2020-2022", "--root", str(root))
    assert result.output == ("2020-2022: 1 paragraph changed, 0 added, 0 removed, 0 moved; "
                             "notes: 0 changed\n")
    missing = run("redline", "git:no-such-tag", "--period", "2020-2022", "--root", str(root))
    assert missing.exit_code == 1
    assert missing.output == ("git:no-such-tag: error: no revision 'no-such-tag' in the "
                              "workspace's git repository\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_baseline_outside_a_repository(workspace, run):
    result = run("redline", "git:HEAD", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output == "git:HEAD: error: the workspace is not in a git repository\n"


# -- bad baselines -------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, message", [
    ("notes.md", "# Minutes\n\nWe met and talked.\n",
     "{path}: error: no chapter heading such as 'I. Introduction' found; "
     "not a report in Markdown; a baseline is a report's .docx or report.md as reportgen "
     "made them, or git:REV"),
    ("report.html", "<!DOCTYPE html>\n<html lang=\"en\"><body><p>1. Text</p></body></html>\n",
     "{path}: error: is a web page, which cannot be compared; a baseline is a report's .docx "
     "or report.md as reportgen made them, or git:REV"),
    ("empty.md", "\n  \n", "{path}: error: is empty; not a report to compare with"),
    ("latin1.md", "# I. Introduction\n\n1. Caf\xe9 text\n".encode("latin-1"),
     "{path}:3: error: not UTF-8 text; a baseline is a report's .docx or report.md as "
     "reportgen made them, or git:REV"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
     "{path}: error: is a PDF, which cannot be compared; a baseline is a report's .docx or "
     "report.md as reportgen made them, or git:REV"),
    ("report.docx", b"not a zip at all",
     "{path}: error: not a Word document (.docx): it is not a zip package; a baseline is a "
     "report's .docx or report.md as reportgen made them, or git:REV"),
    ("slides.zip", None, "{path}: error: is not a Word document; a baseline is a report's "
     ".docx or report.md as reportgen made them, or git:REV"),
    ("headings.md", "## I. Introduction\n\nSome words.\n",
     "{path}: error: has no numbered paragraphs; not a report to compare with"),
    ("missing.md", None, "{path}: error: cannot read: No such file or directory"),
])
@pytest.mark.slow
def test_a_bad_baseline_gives_one_line_and_writes_nothing(workspace, run, name, data, message):
    path = workspace / name
    if isinstance(data, str):
        write(path, data)
    elif data is not None:
        path.write_bytes(data)
    elif name.endswith(".zip"):  # a zip package, but not a Word document
        import zipfile

        with zipfile.ZipFile(path, "w") as package:
            package.writestr("ppt/presentation.xml", "<p/>")
    result = run("redline", str(path), "--period", "2020-2022", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output == message.format(path=path) + "\n"
    assert not (workspace / "build").exists()


@pytest.mark.slow
def test_check_notes_paragraphs_carried_over_from_the_previous_report(workspace, run):
    kept = (workspace / APPROACH).read_text(encoding="utf-8")
    copy = write(workspace / "content/blocks/introduction/approach-2022-2024.yml",
                 kept.replace("id: introduction-approach", "id: approach-2022-2024")
                     .replace("period: 2020-2022", "period: 2022-2024"))
    before = run("check", "--period", "2022-2024", "--root", str(workspace))
    assert "note:" not in before.output  # the 2020-2022 report is not built yet
    assert before.output.endswith("0 errors, 6 warnings.\n")
    _build_md(workspace)
    result = run("check", "--period", "2022-2024", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert (f"{copy.relative_to(workspace)}:7: note: paragraph 3 is carried over word for "
            "word from the 2020-2022 report (paragraph 3 there); check that it still holds"
            ) in result.output.splitlines()
    assert result.output.count(": note: ") == 1
    assert result.output.endswith("0 errors, 6 warnings, 1 note.\n")  # not a warning


def _passages(*texts):
    from reportgen.redline.compare import Passage, words_of_text

    return [Passage(n, tuple(words_of_text(text))) for n, text in enumerate(texts, 1)]


def test_matching_by_content_repeated_swapped_and_edited_paragraphs():
    from reportgen.redline.compare import compare

    old = _passages("Alpha text here.", "Same words.", "Same words.", "Beta text stays.",
                    "Gamma is long enough to be edited in one word.")
    new = _passages("Beta text stays.", "Alpha text here.", "Same words.",
                    "Gamma is long enough to be changed in one word.", "Delta is new.")
    comparison = compare(old, new)
    assert [(c.status, c.old and c.old.number, c.new and c.new.number)
            for c in comparison.changes] == [
        ("moved", 4, 1), ("unchanged", 1, 2), ("unchanged", 2, 3), ("removed", 3, None),
        ("changed", 5, 4), ("added", None, 5)]
    edited = comparison.changes[4].segments
    assert [(s.kind, "".join(w.shown for w in s.words)) for s in edited if s.kind != "same"] == [
        ("del", " edited"), ("ins", " changed")]
    assert comparison.summary.renumbered == 3  # 1 -> 2, 2 -> 3 and 5 -> 4; the moved one aside



# -- the Word file, read by pandoc and LibreOffice -------------------------------------------

def _pandoc():
    try:
        import pypandoc
    except ImportError:
        pytest.skip("pandoc is missing (pip install pypandoc-binary)")
    return pypandoc.get_pandoc_path()


def _revisions(docx) -> list[tuple[str, str, str, str]]:
    """(kind, text, author, date) of every revision pandoc's reader sees."""
    _pandoc()  # skips when pandoc is missing
    from redline_scenario import revisions

    return revisions(docx)


def _plain(docx, changes: str) -> str:
    return subprocess.run([_pandoc(), f"--track-changes={changes}", "-t", "plain", "--wrap=none",
                           str(docx)], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_docx_has_the_change_and_the_added_block_as_word_revisions(edited, redlined):
    root, _ = edited
    redline = root / "build/2020-2022/report.redline.docx"
    revisions = _revisions(redline)
    when = "2023-11-14T22:13:20Z"
    assert revisions[:4] == [
        ("deletion", "comprehensive", AUTHOR, when),
        ("insertion", "thorough", AUTHOR, when),
        ("insertion", "4. UNODC also worked with two new regional partners on the smuggling "
                      "of migrants.", AUTHOR, when),
        ("paragraph-insertion", "", AUTHOR, when)]
    # the 73 paragraphs after it renumbered, each number a revision so rejecting restores
    # it, and the reference that followed its paragraph (para. 46, now 47)
    renumbered = [(kind, text) for kind, text, *_ in revisions[4:]]
    expected = []
    for old in range(4, 77):
        expected += [("deletion", f"{old}."), ("insertion", f"{old + 1}.")]
        if old == 76:
            expected += [("deletion", "46"), ("insertion", "47")]
    assert renumbered == expected
    assert {(author, date) for _, _, author, date in revisions} == {(AUTHOR, when)}


@pytest.mark.slow
def test_word_keeps_tracking_edits_to_the_redline(edited, redlined):
    import docx

    root, _ = edited
    settings = docx.Document(str(root / "build/2020-2022/report.redline.docx")).settings.element
    names = [child.tag.rsplit("}", 1)[1] for child in settings]
    assert "trackRevisions" in names
    assert names.index("zoom") < names.index("trackRevisions") < names.index("defaultTabStop")


@pytest.mark.slow
def test_accepting_gives_the_report_and_rejecting_the_submitted_text(edited, redlined, tmp_path):
    from reportgen.build import build

    root, _ = edited
    redline = root / "build/2020-2022/report.redline.docx"
    build(root, ["2020-2022"], formats=("docx",), kinds=("report",), out=tmp_path)
    assert _plain(redline, "accept") == _plain(tmp_path / "2020-2022/report.docx", "accept")
    rejected = _plain(redline, "reject")
    assert "using a comprehensive and cooperative approach" in rejected
    assert "two new regional partners" not in rejected


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_libreoffice_opens_the_docx_and_counts_its_tracked_changes(edited, redlined, tmp_path):
    import zipfile

    root, _ = edited
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", "odt", "--outdir", str(tmp_path),
                    str(root / "build/2020-2022/report.redline.docx")],
                   capture_output=True, check=True, timeout=180)
    content = zipfile.ZipFile(tmp_path / "report.redline.odt").read("content.xml").decode()
    # the word, the 73 renumbered paragraphs and the reference "para. 46" to 47
    assert content.count("<text:deletion>") == 1 + 73 + 1
    # the word, the new paragraph, the new numbers and the new reference
    assert content.count("<text:insertion>") == 2 + 73 + 1
    assert f"<dc:creator>{AUTHOR}</dc:creator><dc:date>2023-11-14T22:13:20" in content


def test_redline_outputs_never_go_into_the_content(workspace, run):
    result = run("redline", str(SEED_REPORT), "--root", str(workspace),
                 "--out", str(workspace / "content/out"))
    assert result.exit_code == 2
    assert "is inside the workspace's content/ folder; outputs go elsewhere" in result.output
    assert not (workspace / "content/out").exists()


def test_a_named_pipe_as_baseline_is_refused_not_waited_on(workspace, run):
    import os

    pipe = workspace / "baseline.md"
    os.mkfifo(pipe)
    result = run("redline", str(pipe), "--period", "2020-2022", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output == f"{pipe}: error: is a named pipe (FIFO), not a file\n"
    # and check, which reads the previous period's built report, does not hang on one
    (workspace / "build" / "2020-2022").mkdir(parents=True, exist_ok=True)
    os.mkfifo(workspace / "build" / "2020-2022" / "report.md")
    checked = run("check", "--period", "2022-2024", "--root", str(workspace))
    assert checked.exit_code == 0, checked.output


# -- who made the change, and the baseline's name ----------------------------------------------

def _isolated_git(monkeypatch, home):
    """git that reads no configuration of this machine's user or system."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.mark.slow
def test_date_and_author_given_are_what_every_revision_carries(workspace, run):
    output, _ = _redline_after_edit(workspace, lambda *a: run(*a, "--author", "Treaty Section",
                                                                "--date", "2024-05-01T09:30:00+02:00"),
                                    APPROACH, "comprehensive and", "thorough and")
    assert output.endswith("1 paragraph changed, 0 added, 0 removed, 0 moved; "
                           "notes: 0 changed\n")
    found = _revisions(workspace / "build/2020-2022/report.redline.docx")
    assert {(author, date) for *_, author, date in found} == {
        ("Treaty Section", "2024-05-01T07:30:00Z")}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_author_is_the_workspace_git_user_else_the_login_name(workspace, run, monkeypatch,
                                                               tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    _isolated_git(monkeypatch, home)
    monkeypatch.setenv("LOGNAME", "awriter")
    _redline_after_edit(workspace, run, APPROACH, "comprehensive and", "thorough and")
    docx = workspace / "build/2020-2022/report.redline.docx"
    assert {author for _, _, author, _ in _revisions(docx)} == {"awriter"}
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    subprocess.run(["git", "-C", str(workspace), "config", "user.name", "Ana Writer"], check=True)
    result = run("redline", str(workspace / "old.md"), "--period", "2020-2022",
                 "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert {author for _, _, author, _ in _revisions(docx)} == {"Ana Writer"}


@pytest.mark.slow
def test_the_date_is_source_date_epoch_unless_one_is_given(workspace, run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    _redline_after_edit(workspace, run, APPROACH, "comprehensive and", "thorough and")
    docx = workspace / "build/2020-2022/report.redline.docx"
    assert {date for *_, date in _revisions(docx)} == {"2023-11-14T22:13:20Z"}
    result = run("redline", str(workspace / "old.md"), "--period", "2020-2022",
                 "--root", str(workspace), "--date", "2024-05-01")
    assert result.exit_code == 0, result.output
    assert {date for *_, date in _revisions(docx)} == {"2024-05-01T00:00:00Z"}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run("redline", str(workspace / "old.md"), "--period", "2020-2022",
                 "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert ("reportgen: warning: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds; "
            "ignored") in result.output


def test_a_bad_date_is_one_line_and_writes_nothing(workspace, run):
    result = run("redline", str(SEED_REPORT), "--root", str(workspace), "--date", "1 May")
    assert result.exit_code == 1
    assert result.output == ("--date: '1 May' is not a date such as 2024-05-01 or "
                             "2024-05-01T14:30:00Z\n")
    assert not (workspace / "build").exists()


@pytest.mark.slow
def test_the_page_names_the_baseline_as_typed_never_by_an_absolute_path(workspace, run,
                                                                       tmp_path_factory,
                                                                       monkeypatch):
    _build_md(workspace)
    inside = shutil.copy(workspace / "build/2020-2022/report.md", workspace / "submitted.md")
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "sent-2022.md"
    shutil.copy(inside, elsewhere)
    page = workspace / "build/2020-2022/report.redline.html"
    for typed, shown in ((str(inside), "submitted.md"), (str(elsewhere), "sent-2022.md")):
        result = run("redline", typed, "--period", "2020-2022", "--root", str(workspace))
        assert result.exit_code == 0, result.output
        html = page.read_text(encoding="utf-8")
        assert f"Changes to the 2020\u20132022 report since {shown}</p>" in html
        assert str(workspace) not in html and str(elsewhere.parent) not in html
    monkeypatch.chdir(workspace / "build")
    result = run("redline", "../submitted.md", "--period", "2020-2022", "--root", "..")
    assert result.exit_code == 0, result.output
    assert "report since submitted.md</p>" in page.read_text(encoding="utf-8")


# -- a language edition ------------------------------------------------------------------------

@pytest.mark.slow
def test_a_french_edition_is_compared_and_summed_up_in_french(workspace, run):
    from redline_scenario import paragraphs

    from reportgen.build import build

    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",), languages=("fr",))
    submitted = shutil.copy(workspace / "build/2020-2022/report.fr.docx", workspace / "soumis.docx")
    _edit(workspace / APPROACH, "comprehensive and cooperative", "thorough and cooperative")
    result = run("redline", str(submitted), "--period", "2020-2022", "--lang", "fr",
                 "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output == ("2020-2022: 1 paragraphe modifié, 0 ajouté, 0 supprimé, "
                             "0 déplacé\u00a0; notes\u00a0: 0 modifiée\n")
    folder = workspace / "build/2020-2022"
    assert not (folder / "report.redline.docx").exists()
    html = (folder / "report.fr.redline.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert ("<p class=\"subtitle\">Modifications apportées au rapport 2020–2022 depuis "
            "soumis.docx</p>") in html
    assert '<h2 id="summary-title">Résumé</h2>' in html
    assert "Paragraphes\u00a0: 74 inchangés, 1 modifié, 0 ajouté" in html
    assert "using a <del>comprehensive</del> <ins>thorough</ins> and cooperative" in html
    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",), languages=("fr",),
          out=workspace / "now")
    redline = folder / "report.fr.redline.docx"
    assert paragraphs(redline, "reject") == paragraphs(submitted, "accept")
    assert paragraphs(redline, "accept") == paragraphs(workspace / "now/2020-2022/report.fr.docx",
                                                       "accept")


LISTED = """\
id: conclusions-listed
place: conclusions
period: 2020-2022
order: 95
text: |
  The Conference may wish to consider the following:

  - inviting States parties to share their experience;
  - encouraging the use of the tools developed by UNODC.

  The Conference may also wish to:

  (a) Invite States parties to report on their progress;

  (b) Request UNODC to continue its work, in particular:

  (i) Research on routes;

  (ii) Training for practitioners.
"""


@pytest.mark.slow
def test_lists_and_subparagraphs_read_back_from_markdown_are_no_change(workspace, run):
    """A paragraph with a list, and one with subparagraphs (a), (b) and (i), (ii) typed the
    UN way, compared with the report's own Markdown: the importer read the list's items
    and the subparagraphs into the paragraph's text, one line after another."""
    write(workspace / "content/blocks/conclusions/conclusions-listed.yml", LISTED)
    _build_md(workspace)
    baseline = workspace / "submitted.md"
    shutil.copy(workspace / "build/2020-2022/report.md", baseline)
    result = run("redline", str(baseline), "--period", "2020-2022", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "2020-2022: 0 paragraphs changed, 0 added, 0 removed, 0 moved; notes: 0 changed")

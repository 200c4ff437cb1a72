"""``reportgen redline --lang``: each of the six editions compared with a baseline in its
own language, summed up and labelled in that language; an edition compared with its own
unchanged Markdown or Word file shows no change at all."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from conftest import ROOT

#: each language builds its edition and three redlines: seconds
pytestmark = pytest.mark.slow

CODES = ("en", "fr", "es", "ru", "ar", "zh")
APPROACH = "content/blocks/introduction/introduction-approach.yml"
DROPPED = "content/blocks/intergovernmental/wg-eighth-meeting.yml"
REVISION = re.compile(r"<w:(?:ins|del|moveFrom|moveTo|pPrChange|rPrChange)\b")

#: one word changed and one paragraph removed, as each edition says it: the command's
#: line, the page's summary, the removed paragraph's note and the page's subtitle
SAID = {
    "en": ("1 paragraph changed, 0 added, 1 removed, 0 moved; notes: 0 changed",
           "Paragraphs: 73 unchanged, 1 changed, 0 added, 1 removed, 0 moved. "
           "Notes: 0 changed, 0 added, 0 removed.",
           "(removed; was paragraph 8)", "Changes to the 2020–2022 report since {}"),
    "fr": ("1 paragraphe modifié, 0 ajouté, 1 supprimé, 0 déplacé\u00a0; notes\u00a0: "
           "0 modifiée",
           "Paragraphes\u00a0: 73 inchangés, 1 modifié, 0 ajouté, 1 supprimé, 0 déplacé. "
           "Notes\u00a0: 0 modifiée, 0 ajoutée, 0 supprimée.",
           "(supprimé\u00a0; ancien paragraphe 8)",
           "Modifications apportées au rapport 2020–2022 depuis {}"),
    "es": ("1 párrafo modificado, 0 añadidos, 1 suprimido, 0 desplazados; notas: "
           "0 modificadas",
           "Párrafos: 73 sin cambios, 1 modificado, 0 añadidos, 1 suprimido, 0 desplazados. "
           "Notas: 0 modificadas, 0 añadidas, 0 suprimidas.",
           "(suprimido; antes párrafo 8)", "Cambios en el informe 2020–2022 desde {}"),
    "ru": ("пункты: изменено — 1, добавлено — 0, удалено — 1, перемещено — 0; "
           "сноски: изменено — 0",
           "Пункты: без изменений — 73, изменено — 1, добавлено — 0, удалено — 1, "
           "перемещено — 0. Сноски: изменено — 0, добавлено — 0, удалено — 0.",
           "(удален; ранее пункт 8)",
           "Изменения в докладе за период 2020–2022 по сравнению с {}"),
    "ar": ("الفقرات: المعدلة (1)، المضافة (0)، المحذوفة (1)، المنقولة (0)؛ "
           "الحواشي: المعدلة (0)",
           "الفقرات: دون تغيير (73)، المعدلة (1)، المضافة (0)، المحذوفة (1)، المنقولة (0). "
           "الحواشي: المعدلة (0)، المضافة (0)، المحذوفة (0).",
           "(حذفت؛ كانت الفقرة 8)", "التغييرات في تقرير الفترة 2020–2022 منذ {}"),
    "zh": ("段落：修改 1，新增 0，删除 1，移动 0；脚注：修改 0",
           "段落：未改 73，修改 1，新增 0，删除 1，移动 0。脚注：修改 0，新增 0，删除 0。",
           "（已删除；原第8段）", "2020–2022年期间报告相对于{}的修改"),
}
#: no change, as each edition says it
NONE = {
    "en": "0 paragraphs changed, 0 added, 0 removed, 0 moved; notes: 0 changed",
    "fr": "0 paragraphe modifié, 0 ajouté, 0 supprimé, 0 déplacé\u00a0; notes\u00a0: 0 modifiée",
    "es": "0 párrafos modificados, 0 añadidos, 0 suprimidos, 0 desplazados; notas: 0 modificadas",
    "ru": "пункты: изменено — 0, добавлено — 0, удалено — 0, перемещено — 0; сноски: изменено — 0",
    "ar": "الفقرات: المعدلة (0)، المضافة (0)، المحذوفة (0)، المنقولة (0)؛ الحواشي: المعدلة (0)",
    "zh": "段落：修改 0，新增 0，删除 0，移动 0；脚注：修改 0",
}
#: the summary's title and the label of the changed paragraphs' list
TITLES = {"en": ("Summary", "Changed: "), "fr": ("Résumé", "Modifiés\u00a0: "),
          "es": ("Resumen", "Modificados: "), "ru": ("Сводка", "Изменены: "),
          "ar": ("ملخص", "المعدلة: "), "zh": ("摘要", "修改：")}


def _suffix(code: str) -> str:
    return "" if code == "en" else f".{code}"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """A workspace whose 2020-2022 report was built in the six languages, each edition's
    Markdown and Word file kept as a baseline."""
    from reportgen.build import build

    root = tmp_path_factory.mktemp("editions")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    build(root, ["2020-2022"], formats=("md", "docx"), kinds=("report",), languages=CODES)
    for code in CODES:
        for kind in ("md", "docx"):
            shutil.copy(root / f"build/2020-2022/report{_suffix(code)}.{kind}",
                        root / f"sent{_suffix(code)}.{kind}")
    shutil.rmtree(root / "build")
    return root


def _redline(root, baseline: str, code: str):
    from reportgen.commands.redline import build_redline

    result = build_redline(root, str(root / baseline), "2020-2022", out=root / "out", author="A. Writer",
                           language=code)
    folder = root / "out/2020-2022"
    page = (folder / f"report{_suffix(code)}.redline.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(folder / f"report{_suffix(code)}.redline.docx") as docx:
        revisions = sum(len(REVISION.findall(docx.read(name).decode("utf-8")))
                        for name in docx.namelist() if name.endswith(".xml"))
    return result, page, revisions


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("kind", ["md", "docx"])
def test_an_edition_against_its_own_unchanged_file_shows_no_change(editions, code, kind):
    from reportgen.redline.words import redline_words

    result, page, revisions = _redline(editions, f"sent{_suffix(code)}.{kind}", code)
    summary = result.comparison.summary
    assert (summary.changed, summary.added, summary.removed, summary.moved,
            summary.renumbered) == (0, 0, 0, 0, 0)
    assert summary.unchanged == 75
    assert revisions == 0  # not a masthead line, not a space, not a paragraph's style
    assert "<ins>" not in page and "<del>" not in page
    assert 'class="masthead-changes"' not in page
    assert result.comparison.summary.line(redline_words(code)) == NONE[code]


@pytest.fixture(scope="module")
def edited(editions):
    """The editions' store with one word changed and one paragraph dropped."""
    text = (editions / APPROACH).read_text(encoding="utf-8")
    (editions / APPROACH).write_text(text.replace("comprehensive and cooperative",
                                                  "thorough and cooperative"), encoding="utf-8")
    (editions / DROPPED).unlink()
    return editions


@pytest.mark.parametrize("code", CODES)
def test_the_summary_and_the_page_are_in_the_editions_language(edited, code):
    from reportgen.redline.words import redline_words

    baseline = f"sent{_suffix(code)}.md"
    result, page, revisions = _redline(edited, baseline, code)
    line, counts, removed, since = SAID[code]
    title, changed = TITLES[code]
    assert result.comparison.summary.line(redline_words(code)) == line
    assert f"<p>{counts}</p>" in page
    assert f'<span class="change-note">{removed}</span>' in page
    assert f'<p class="subtitle">{since.format(baseline)}</p>' in page
    assert f'<h2 id="summary-title">{title}</h2>' in page
    assert f'<li>{changed}<a href="#para-3">3</a></li>' in page
    assert f'<html lang="{code}"' in page
    assert 'class="masthead-changes"' not in page  # the masthead did not change
    assert revisions > 0

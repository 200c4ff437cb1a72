"""What decides what a period folder will hold is read and written under its lock, and
every period's folder is checked before the first is replaced."""

from __future__ import annotations

import pytest

from reportgen.build import build
from reportgen.errors import OutputError
from reportgen.fingerprint import Manifest


@pytest.mark.slow
def test_two_editions_built_at_once_both_stay_listed(workspace, tmp_path):
    out = tmp_path / "out"
    other: list[str] = []

    def meanwhile(message: str) -> None:
        # the French edition is built while the English one is about to write
        if message.startswith("2022-2024: writing") and not other:
            other.append("fr")
            build(workspace, ["2022-2024"], formats=("md",), out=out, kinds=("report",),
                  languages=("fr",))

    build(workspace, ["2022-2024"], formats=("md",), out=out, kinds=("report",),
          languages=("en",), progress=meanwhile)
    assert other == ["fr"]
    listed = set(Manifest.read(out / "2022-2024").outputs)
    assert {"report.md", "report.fr.md"} <= listed
    again = build(workspace, ["2022-2024"], formats=("md",), out=out, kinds=("report",),
                  languages=("en",), force=True)
    assert again.foreign == []


def test_a_bad_second_period_folder_stops_the_build_before_the_first_is_written(workspace,
                                                                              tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "2022-2024").write_text("a file where a folder goes", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        build(workspace, ["2020-2022", "2022-2024"], formats=("md",), out=out,
              kinds=("report",))
    assert str(caught.value) == (f"{out / '2022-2024'}: error: is not a folder of outputs; "
                                 "move it away or choose another --out")
    assert not (out / "2020-2022").exists()

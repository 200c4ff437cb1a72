"""A list or mapping of a content file holds at most MAX_ITEMS values: a long one is
refused at its line from the parser's events, before a tree a hundred times the file's
size is built."""

from __future__ import annotations

import tracemalloc

import pytest
from conftest import write

from reportgen.content.yamlsource import MAX_ITEMS, YamlProblem, load_yaml


def test_a_list_one_item_too_long_is_refused_at_its_line(tmp_path):
    path = write(tmp_path / "block.yml", "id: a\ntags:\n" + "  - t\n" * (MAX_ITEMS + 1))
    with pytest.raises(YamlProblem) as caught:
        load_yaml(path)
    assert (caught.value.line, caught.value.message) == (
        3, "more than 10,000 values in one list or mapping; no field of a content file "
           "holds so many")


def test_a_list_at_the_limit_is_read(tmp_path):
    path = write(tmp_path / "block.yml", "id: a\ntags: [" + ", ".join(["t"] * MAX_ITEMS) + "]\n")
    assert len(load_yaml(path).data["tags"]) == MAX_ITEMS


def test_a_mapping_with_too_many_keys_is_refused(tmp_path):
    keys = "".join(f"  n{i}: x\n" for i in range(MAX_ITEMS + 1))
    path = write(tmp_path / "block.yml", f"id: a\nfootnotes:\n{keys}")
    with pytest.raises(YamlProblem) as caught:
        load_yaml(path)
    assert caught.value.line == 3


def test_nine_hundred_thousand_short_items_cost_little_memory(tmp_path):
    path = write(tmp_path / "facts.yml", "x: [" + ",".join(["1"] * 900_000) + "]\n")
    assert path.stat().st_size < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem):
            load_yaml(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * path.stat().st_size  # the text and its parser, not a tree of nodes


@pytest.mark.slow
def test_the_check_command_names_the_file_and_line(run, workspace):
    write(workspace / "content/blocks/conclusions/long.yml",
          "id: long\nplace: conclusions\nperiod: 2022-2024\norder: 20\ntext: A text.\ntags: ["
          + ", ".join(["t"] * (MAX_ITEMS + 1)) + "]\n")
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert ("content/blocks/conclusions/long.yml:6: error: more than 10,000 values in one list "
            "or mapping; no field of a content file holds so many") in result.output.splitlines()

"""Benchmarks of reportgen against its floor (bare WeasyPrint) and its alternative (pandoc).

    python benchmarks/run.py              # the full suite; prints a table, writes JSON
    python benchmarks/run.py --quick      # one run of each, small synthetic store

Every figure is the median of several runs, each in a fresh process unless said
otherwise, on the machine at hand.  The ratios the project aims for are printed beside
the figures; nothing here asserts a time.  reportgen's modules are compiled to bytecode
first, as installing a package does: an editable install run with
PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every command.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2020-2022"
SECOND = "2022-2024"
BIN = Path(sys.executable).parent


def reportgen(*args: str) -> list[str]:
    exe = BIN / "reportgen"
    return [str(exe), *args] if exe.exists() else [sys.executable, "-m", "reportgen.cli", *args]


def timed_run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int]:
    """Wall seconds and peak memory (KiB) of one command, run through a small wrapper so
    the peak belongs to this command alone."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
               "d = time.perf_counter() - t; "
               "print(d, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], cwd=cwd, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    if out[2] != "0":
        raise RuntimeError(f"command failed: {' '.join(cmd)}")
    return float(out[0]), int(out[1])


def median_run(cmd, runs, cwd=None, before=None) -> dict:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        seconds, peak = timed_run(cmd, cwd)
        times.append(seconds)
        peaks.append(peak)
    return {"seconds": statistics.median(times), "peak_mib": max(peaks) / 1024, "runs": runs}


#: the floor: WeasyPrint alone, in a fresh process, making the report's PDF from the print
#: HTML the build lays out, with the options the build gives it (reportgen.formats.pdf's
#: write_pdf: a tagged PDF/UA-1 whose identifier is a hash of the HTML)
BARE_WEASYPRINT = """
import hashlib, sys, weasyprint
html = open(sys.argv[1], encoding="utf-8").read()
weasyprint.HTML(string=html, base_url=sys.argv[2]).write_pdf(
    sys.argv[3], pdf_variant="pdf/ua-1", pdf_tags=True,
    pdf_identifier=hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode())
"""


#: the floor of a whole period: WeasyPrint alone, in one fresh process, making the
#: period's PDFs one after another from the print HTML the build lays out (argument
#: pairs: HTML file, output PDF; the base URL first)
BARE_WEASYPRINT_SERIES = """
import hashlib, sys, weasyprint
base, pairs = sys.argv[1], sys.argv[2:]
for source, target in zip(pairs[::2], pairs[1::2]):
    html = open(source, encoding="utf-8").read()
    weasyprint.HTML(string=html, base_url=base).write_pdf(
        target, pdf_variant="pdf/ua-1", pdf_tags=True,
        pdf_identifier=hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode())
"""


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, dict]:
    """Median of each command, run in turns (A, B, A, B, ...) so that a change in the
    machine's load weighs on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            seconds, peak = timed_run(cmd)
            times[name].append(seconds)
            peaks[name].append(peak)
    return {name: {"seconds": statistics.median(times[name]), "peak_mib": max(peaks[name]) / 1024,
                   "runs": runs, "interleaved": True} for name in commands}


def _prints_in_first_period(block: dict) -> bool:
    """Whether the shipped 2020–2022 report prints ``block``: a block of that period (named
    or by its date), or standing text ('from_period' up to it, or 'periods' naming it)."""
    if "from_period" in block:
        return str(block["from_period"]) <= PERIOD  # keys "YYYY-YYYY" sort by start
    if "periods" in block:
        return PERIOD in block["periods"]
    return block.get("period") == PERIOD or (
        "period" not in block and str(block.get("date", ""))[:4] in ("2020", "2021", "2022"))


def _one_period(data: dict) -> None:
    """A repeat belongs to the one period it is given: standing text's own periods go, or
    the store would refuse 'period' beside them and print the repeat in every period."""
    data.pop("from_period", None)
    data.pop("periods", None)


def workspace_copy(dest: Path, scale: int = 1, both_periods: bool = False) -> Path:
    """A copy of the shipped workspace; with ``scale`` > 1, every 2020–2022 block is
    repeated (with a footnote of its own) and facts are added; with ``both_periods`` the
    repeats also fill 2022–2024, so two periods of equal size can be built."""
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    blocks = sorted((dest / "content/blocks").rglob("*.yml"))
    import yaml

    originals = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in blocks]
    originals = [(p, b) for p, b in originals if _prints_in_first_period(b)]
    copies = range(1, scale) if scale > 1 else []
    facts = []
    for k in copies:
        for path, block in originals:
            data = dict(block, id=f"{block['id']}-x{k}", order=block.get("order", 0) + k)
            data["text"] = block["text"].rstrip() + f" Repeated for scale.[^scale{k}]\n"
            data["footnotes"] = dict(block.get("footnotes") or {},
                                     **{f"scale{k}": f"Synthetic note {k} of {block['id']}."})
            data["period"] = PERIOD
            _one_period(data)
            path.with_name(f"{data['id']}.yml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            facts.append(f"synthetic_{k}_{len(facts)}:\n  label: Synthetic figure\n"
                         f"  source: benchmark\n  values:\n    - value: {k}\n      as_of: 2021\n")
    if both_periods:
        for path, block in originals:
            data = dict(block, id=f"{block['id']}-second", period=SECOND)
            data.pop("date", None)
            _one_period(data)
            path.with_name(f"{data['id']}.yml").write_text(
                yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if facts:
        with open(dest / "content/facts.yml", "a", encoding="utf-8") as handle:
            handle.write("\n" + "".join(facts))
    return dest


#: the official languages, English first (the edition the others are compared with)
EDITION_CODES = ("en", "fr", "es", "ru", "ar", "zh")


def edition_workspace(dest: Path, copies: int) -> Path:
    """The small store translated into the six languages (tests/editions), lengthened
    by ``copies`` repeats of its translated blocks, each with its own note: about as many
    pages in every language."""
    shutil.copytree(ROOT / "tests" / "editions" / "content", dest / "content")
    blocks = sorted((dest / "content/blocks").glob("*.yml"))
    for k in range(1, copies + 1):
        for path in blocks:
            text = path.read_text(encoding="utf-8")
            ident = path.stem
            path.with_name(f"{ident}-r{k}.yml").write_text(
                text.replace(f"id: {ident}\n", f"id: {ident}-r{k}\n", 1), encoding="utf-8")
    return dest


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def phases(root: Path, runs: int) -> dict:
    """Median seconds of each stage of an in-process full build (one PDF, one worker)."""
    sys.path.insert(0, str(ROOT))
    from reportgen.build import build

    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            result = build(root, [PERIOD], out=Path(out), force=True, jobs=1)
            for stage, seconds in result.timings.items():
                samples.setdefault(stage, []).append(seconds)
    return {stage: statistics.median(values) for stage, values in samples.items()}


def docx_stage(root: Path, runs: int) -> float:
    """Median seconds of the DOCX stage alone for the report (in process, python-docx
    already imported): what the issue compares with pandoc's whole run."""
    sys.path.insert(0, str(ROOT))
    from reportgen.build import build

    samples = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs + 1):
            result = build(root, [PERIOD], formats=("docx",), kinds=("report",), out=Path(out),
                           force=True)
            samples.append(result.timings["docx"])
    return statistics.median(samples[1:])  # the first run imports python-docx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--quick", action="store_true", help="one run each, small stores")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "benchmarks.json")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    scales = [2] if args.quick else [10, 100]
    rows: dict[str, dict] = {}
    compileall.compile_dir(ROOT / "reportgen", quiet=1)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ws = workspace_copy(tmp / "shipped")
        full = reportgen("build", "--root", str(ws), "--period", PERIOD, "--force", "--jobs", "1",
                         "--format", "md", "--format", "html", "--format", "pdf")
        rows["full build (md, html, pdf)"] = median_run(full, runs)
        rows["phases (in process)"] = {"stages": phases(ws, runs)}

        html = tmp / "print.html"
        sys.path.insert(0, str(ROOT))
        html.write_text(_print_html(ws), encoding="utf-8")
        bare = [sys.executable, "-c", BARE_WEASYPRINT, str(html), str(ws / "templates") + "/",
                str(tmp / "bare.pdf")]
        report = reportgen("build", "--root", str(ws), "--period", PERIOD, "--force", "--jobs", "1",
                           "--kind", "report", "--format", "md", "--format", "html", "--format", "pdf")
        rows.update(interleaved({"report build (md, html, pdf)": report,
                                 "bare WeasyPrint, same print HTML, PDF/UA": bare}, max(runs, 5)))
        # the default build: no --jobs, so the build decides whether a pool pays
        report_default = [arg for arg in report if arg not in ("--jobs", "1")]
        rows.update(interleaved({"report build, default options (md, html, pdf)": report_default,
                                 "bare WeasyPrint, same print HTML (again)": bare},
                                max(runs, 5)))
        period = reportgen("build", "--root", str(ws), "--period", PERIOD, "--force")
        series = [sys.executable, "-c", BARE_WEASYPRINT_SERIES, str(ws / "templates") + "/"]
        for i, source in enumerate(_print_htmls(ws, tmp / "period-html")):
            series += [str(source), str(tmp / f"bare-{i}.pdf")]
        rows.update(interleaved({"period build, default options (20 files)": period,
                                 "bare WeasyPrint, the period's PDFs in one process": series},
                                max(runs, 5)))
        rows["bare WeasyPrint, the period's PDFs in one process"]["pdfs"] = (len(series) - 4) // 2
        rows["reportgen check (both periods)"] = median_run(
            reportgen("check", "--root", str(ws)), max(runs, 5))

        pandoc = _pandoc()
        md = ws / "build" / PERIOD / "report.md"
        if pandoc:
            rows["pandoc md -> html"] = median_run(
                [pandoc, str(md), "-s", "-o", str(tmp / "p.html"), "--metadata", "title=r"], runs)
            env_path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
            rows["pandoc md -> docx"] = median_run(
                [pandoc, str(md), "-s", "-o", str(tmp / "p.docx"), "--metadata", "title=r"], runs)
            rows["pandoc md -> pdf (weasyprint)"] = median_run(
                ["env", f"PATH={env_path}", pandoc, str(md), "-s", "-o", str(tmp / "p.pdf"),
                 "--pdf-engine=weasyprint", "--metadata", "title=r"], runs)
        else:
            rows["pandoc"] = {"note": "pypandoc-binary not installed (pip install -e '.[bench]')"}

        rows["docx stage, report (in process)"] = {"seconds": docx_stage(ws, max(runs, 5))}
        rows["build --format docx --kind report"] = median_run(
            reportgen("build", "--root", str(ws), "--period", PERIOD, "--force", "--format", "docx",
                      "--kind", "report"), runs)

        edited = edited_report(ws / "build" / PERIOD / "report.docx", tmp / "edited.docx", 20)
        rows["merge of the report with 20 edits (dry run)"] = median_run(
            reportgen("merge", str(edited), "--root", str(ws)), max(runs, 5))
        kept = {path: path.read_bytes() for path in (ws / "content").rglob("*.yml")}

        def restore_content():
            for path, data in kept.items():
                path.write_bytes(data)

        rows["merge of the report with 20 edits (--apply)"] = median_run(
            reportgen("merge", str(edited), "--apply", "--root", str(ws)), max(runs, 5),
            before=restore_content)
        restore_content()

        # five pages in every mode: in a two-page edition the start of WeasyPrint and the
        # loading of each script's font would outweigh the layout being compared
        editions = edition_workspace(tmp / "editions", 12)
        edition_builds = {
            f"edition {code}: report PDF": reportgen(
                "build", "--root", str(editions), "--lang", code, "--kind", "report",
                "--format", "pdf", "--force", "--jobs", "1", "-q")
            for code in EDITION_CODES}
        # the first Chinese PDF on a machine makes the lighter Chinese faces once
        # (reportgen.lightfaces); every later one finds them in the cache
        subprocess.run(edition_builds["edition zh: report PDF"], check=True, capture_output=True)
        rows.update(interleaved(edition_builds, max(runs, 7)))
        for code in EDITION_CODES:
            name = "report.pdf" if code == "en" else f"report.{code}.pdf"
            rows[f"edition {code}: report PDF"]["pages"] = pdf_pages(
                editions / "build" / "2020-2022" / name)

        noop = reportgen("build", "--root", str(ws), "--period", PERIOD)
        subprocess.run(noop, check=True, capture_output=True)
        rows["no-op rebuild"] = median_run(noop, runs)
        block = ws / "content/blocks/intergovernmental/wg-recommendations.yml"
        counter = iter(range(10**6))

        def touch_block():
            text = block.read_text(encoding="utf-8")
            block.write_text(text.rstrip("\n") + f" {next(counter)}\n", encoding="utf-8")

        rows["rebuild after one block changed"] = median_run(noop, runs, before=touch_block)
        rows["reportgen --help"] = median_run(reportgen("--help"), max(runs, 5))

        balanced = workspace_copy(tmp / "balanced", both_periods=True)
        both = ["--root", str(balanced), "--period", PERIOD, "--period", SECOND, "--force"]
        rows["two documents, one worker"] = median_run(reportgen("build", *both, "--jobs", "1"), runs)
        rows["two documents, two workers"] = median_run(reportgen("build", *both, "--jobs", "2"), runs)

        base_pages = pdf_pages(ws / "build" / PERIOD / "report.pdf")
        rows["full build (md, html, pdf)"]["pages"] = base_pages
        for scale in scales:
            big = workspace_copy(tmp / f"x{scale}", scale=scale)
            cmd = reportgen("build", "--root", str(big), "--period", PERIOD, "--force", "--jobs", "1")
            row = median_run(cmd, 1 if scale >= 100 else runs)
            row["pages"] = pdf_pages(big / "build" / PERIOD / "report.pdf")
            rows[f"synthetic store {scale}x"] = row

    report = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "platform": platform.platform()},
              "rows": rows, "ratios": _ratios(rows, scales)}
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    _print(report)
    print(f"\nwritten to {args.json}")


def edited_report(source: Path, target: Path, edits: int) -> Path:
    """The built report with ``edits`` words replaced, each in another paragraph, as an
    editor would in Word (paragraphs printing facts and variables left alone)."""
    import docx

    from reportgen.provenance import from_xml
    from reportgen.wordread import read_package

    marks = from_xml(read_package(source.read_bytes()).custom_xml[0])
    plain = {m.generated for m in marks.paragraphs if m.kind == "block" and not m.ranges}
    document = docx.Document(str(source))
    done = 0
    for paragraph in document.paragraphs:
        if done == edits:
            break
        if paragraph.text not in plain:
            continue
        for run in paragraph.runs[1:]:
            words = run.text.split()
            if len(words) > 3 and words[1].isalpha():
                run.text = run.text.replace(f" {words[1]} ", " edited ", 1)
                done += 1
                break
    document.save(str(target))
    return target


def _print_html(ws: Path) -> str:
    from reportgen.assemble import assemble_report
    from reportgen.content.store import load_store
    from reportgen.formats.templated import render_html
    from reportgen.templates import template_env

    store, log = load_store(ws)
    return render_html(assemble_report(store, PERIOD, log), template_env(ws), "pdf")


def _print_htmls(ws: Path, folder: Path) -> list[Path]:
    """The print HTML of every PDF of the period's default build, as the build makes it,
    each written to a file of ``folder``."""
    from reportgen import formats as registry
    from reportgen.assets import template_dirs
    from reportgen.build import _assemble
    from reportgen.content.store import load_store
    from reportgen.fingerprint import assets_digest
    from reportgen.languages import language
    from reportgen.output import KINDS
    from reportgen.templates import template_env

    store, log = load_store(ws)
    documents, _ = _assemble(store, [PERIOD], (language(store.series.language),), KINDS, log,
                             lambda message: None)
    templates = template_dirs(ws)
    context = registry.RenderContext(ws, template_env(ws), tuple(templates),
                                     assets_digest(templates))
    folder.mkdir()
    written = []
    for doc in documents:
        job = registry.get("pdf").render(doc, context).job
        written.append(folder / f"{doc.name}.html")
        written[-1].write_text(job.html, encoding="utf-8")
    return written


def _pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def _ratios(rows: dict, scales: list[int]) -> dict:
    def sec(name):
        return rows.get(name, {}).get("seconds")

    out = {}
    full = sec("full build (md, html, pdf)")
    if sec("bare WeasyPrint, same print HTML, PDF/UA"):
        out["report build / bare WeasyPrint (target <= 1.2)"] = (
            sec("report build (md, html, pdf)") / sec("bare WeasyPrint, same print HTML, PDF/UA"))
    if sec("bare WeasyPrint, same print HTML (again)"):
        out["default report build / bare WeasyPrint (target <= 1.15)"] = (
            sec("report build, default options (md, html, pdf)")
            / sec("bare WeasyPrint, same print HTML (again)"))
    if sec("bare WeasyPrint, the period's PDFs in one process"):
        out["default period build / bare WeasyPrint in series (target <= 1)"] = (
            sec("period build, default options (20 files)")
            / sec("bare WeasyPrint, the period's PDFs in one process"))
    if sec("reportgen check (both periods)"):
        out["check seconds (target <= 0.3)"] = sec("reportgen check (both periods)")
    if sec("pandoc md -> docx"):
        out["pandoc->docx / docx stage (target >= 1)"] = (
            sec("pandoc md -> docx") / sec("docx stage, report (in process)"))
    if sec("pandoc md -> pdf (weasyprint)"):
        out["pandoc->pdf / full build (target >= 1.5)"] = sec("pandoc md -> pdf (weasyprint)") / full
    english = sec("edition en: report PDF")
    for code in EDITION_CODES[1:]:
        if english and sec(f"edition {code}: report PDF"):
            out[f"{code} edition / English (target <= 1)"] = (
                sec(f"edition {code}: report PDF") / english)
    out["no-op rebuild seconds (target <= 0.3)"] = sec("no-op rebuild")
    out["full build / no-op rebuild (target >= 5)"] = full / sec("no-op rebuild")
    out["--help seconds (target <= 0.2)"] = sec("reportgen --help")
    out["one worker / two workers (target >= 1.6)"] = (
        sec("two documents, one worker") / sec("two documents, two workers"))
    per_page = full / rows["full build (md, html, pdf)"]["pages"]
    for scale in scales:
        row = rows[f"synthetic store {scale}x"]
        out[f"per-page time {scale}x / 1x (target <= 1.3)"] = row["seconds"] / row["pages"] / per_page
        out[f"peak memory {scale}x MiB (target < 2048)"] = row["peak_mib"]
    return out


def _print(report: dict) -> None:
    print(f"{'measure':44} {'seconds':>9} {'peak MiB':>9} {'pages':>6}")
    for name, row in report["rows"].items():
        if "stages" in row:
            for stage, seconds in row["stages"].items():
                print(f"  phase: {stage:36} {seconds:9.3f}")
        elif "note" in row:
            print(f"{name:44} {row['note']}")
        else:
            peak = f"{row['peak_mib']:9.1f}" if "peak_mib" in row else " " * 9
            print(f"{name:44} {row['seconds']:9.3f} {peak} {row.get('pages', ''):>6}")
    print()
    for name, value in report["ratios"].items():
        print(f"{name:52} {value:8.2f}")


if __name__ == "__main__":
    main()

"""The text of Word files as LibreOffice reads them, after accepting or rejecting every
tracked change: run with the system Python (which has the UNO bridge), not the tests'.

    /usr/bin/python3 office_text.py PROFILE_FOLDER OUT.json MODE:FILE.docx ...

MODE is ``accept``, ``reject`` or ``as-is``.  Writes to OUT.json, for each argument in
order, ``{"body": [...], "notes": [...], "headers": [...]}``: the paragraphs of the body
(tables aside), of the footnotes in order, and of the page headers and footers, each as
LibreOffice shows it; and ``"tables"``: each table of the body as rows of cell texts.  One office is started for all the files, and ended at the close.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def _props(**values):
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _paragraphs(text) -> list[str]:
    found = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        part = enum.nextElement()
        if part.supportsService("com.sun.star.text.Paragraph"):
            found.append(part.getString())
    return found


def _read(doc) -> dict:
    notes = doc.getFootnotes()
    headers = []
    styles = doc.getStyleFamilies().getByName("PageStyles")
    for name in sorted(styles.getElementNames()):
        style = styles.getByName(name)
        for switch, texts in (("HeaderIsOn", ("HeaderText", "HeaderTextLeft", "HeaderTextFirst")),
                              ("FooterIsOn", ("FooterText", "FooterTextLeft", "FooterTextFirst"))):
            if not style.getPropertyValue(switch):
                continue
            for prop in texts:
                try:
                    text = style.getPropertyValue(prop)
                except Exception:  # noqa: BLE001 - a page style without that text
                    continue
                if text is not None:
                    headers.append(" | ".join(_paragraphs(text)))
    return {"body": _paragraphs(doc.getText()),
            "notes": [notes.getByIndex(i).getString() for i in range(notes.getCount())],
            "headers": headers, "tables": _tables(doc.getText())}


def _tables(text) -> list[list[list[str]]]:
    """Each table of the text, in order, as rows of its cells' text."""
    found = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        part = enum.nextElement()
        if part.supportsService("com.sun.star.text.TextTable"):
            rows: dict[int, list[str]] = {}
            for name in part.getCellNames():  # 'A1', 'B1', ... (no merged cells here)
                column = name.rstrip("0123456789")
                row = int(name[len(column):])
                rows.setdefault(row, []).append(part.getCellByName(name).getString())
            found.append([rows[n] for n in sorted(rows)])
    return found


def main(profile: str, out: str, jobs: list[str]) -> None:
    pipe = f"reportgen-tests-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{profile}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - the office is not listening yet
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not answer")
        smgr = context.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        blank = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0,
                                             _props(Hidden=True))
        if blank is not None:
            blank.close(True)
        results = []
        work = tempfile.mkdtemp(prefix="office-text-")
        for index, job in enumerate(jobs):
            mode, path = job.split(":", 1)
            copy = os.path.join(work, f"{index}.docx")  # never beside a lock file
            shutil.copy(path, copy)
            doc = None
            for _ in range(10):
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0,
                                                   _props(Hidden=True))
                if doc is not None:
                    break
                time.sleep(0.5)
            if doc is None:
                raise SystemExit(f"LibreOffice could not open {path}")
            if mode != "as-is":
                command = {"accept": ".uno:AcceptAllTrackedChanges",
                           "reject": ".uno:RejectAllTrackedChanges"}[mode]
                frame = doc.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, command, "", 0, ())
            results.append(_read(doc))
            doc.close(True)
        shutil.rmtree(work, ignore_errors=True)
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(results, handle, ensure_ascii=False)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge closes as the office ends
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()
            office.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

"""Edit a Word file in LibreOffice, with change tracking on, through its UNO bridge.

Run with the system Python (the bridge, python3-uno, is not in a virtual environment):

    /usr/bin/python3 tests/lo_edit.py IN.docx OUT.docx PROFILE_FOLDER

The edits are those of the merge tests: a phrase replaced, a paragraph inserted after
paragraph 3, paragraph 5 deleted, paragraph 7 moved after paragraph 9 (LibreOffice
tracks it as a deletion and an insertion), and a word of the third footnote changed.
"""

import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(profile):
    pipe = f"reportgen{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation=file://{profile}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    else:
        office.kill()
        raise SystemExit("LibreOffice did not answer")
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return office, desktop


def load(desktop, path):
    blank = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
    if blank is not None:
        blank.close(True)
    for _ in range(10):
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                           (prop("Hidden", True),))
        if doc is not None:
            return doc
        time.sleep(1)
    raise SystemExit(f"LibreOffice cannot open {path}")


def paragraphs(doc):
    found = []
    enum = doc.Text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            found.append(element)
    return found


def numbered(doc, label):
    for paragraph in paragraphs(doc):
        if paragraph.getString().startswith(label + "\t") and paragraph.ParaStyleName.startswith("Numbered"):
            return paragraph
    raise SystemExit(f"no paragraph {label}")


def edit(doc):
    text = doc.Text
    doc.RecordChanges = True
    replace = doc.createReplaceDescriptor()
    replace.SearchString, replace.ReplaceString = "has been prepared", "was prepared"
    doc.replaceAll(replace)
    third = numbered(doc, "3.")
    cursor = text.createTextCursorByRange(third.getEnd())
    text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
    text.insertString(cursor, "A paragraph inserted in LibreOffice on the Protocol.", False)
    moved = numbered(doc, "7.").getString().split("\t", 1)[1]
    for label in ("5.", "7."):
        gone = numbered(doc, label)
        cursor = text.createTextCursorByRange(gone.getStart())
        cursor.gotoEndOfParagraph(True)
        cursor.goRight(1, True)
        cursor.setString("")
    ninth = numbered(doc, "9.")
    cursor = text.createTextCursorByRange(ninth.getEnd())
    text.insertControlCharacter(cursor, 0, False)
    text.insertString(cursor, moved, False)
    note = doc.getFootnotes().getByIndex(2).getText()
    at = note.getString().find("key evidence on risks")
    cursor = note.createTextCursor()
    cursor.gotoStart(False)
    cursor.goRight(at + len("key evidence "), False)
    cursor.goRight(2, True)
    cursor.setString("of")


def save_as_word(office, desktop, make_document, target):
    """The document ``make_document(desktop)`` returns, saved as ``target`` in Word's
    format; then LibreOffice is stopped, whatever happened."""
    try:
        doc = make_document(desktop)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)),
                       (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=60)
        except subprocess.TimeoutExpired:
            office.kill()


def main():
    source, target, profile = sys.argv[1:4]
    office, desktop = connect(profile)

    def edited(desktop):
        doc = load(desktop, os.path.abspath(source))
        edit(doc)
        return doc

    save_as_word(office, desktop, edited, target)


if __name__ == "__main__":
    main()

"""Make a small Word file in LibreOffice itself, through its UNO bridge: a paragraph
with a footnote whose mark is '*' (as the agenda note of a UN masthead), then two
paragraphs with numbered footnotes, the second note edited with change tracking on.

Run with the system Python (the bridge, python3-uno, is not in a virtual environment):

    /usr/bin/python3 tests/lo_minimal.py OUT.docx PROFILE_FOLDER

The file holds nothing of reportgen's (no marks, no styles): what LibreOffice does with
it when it opens and saves it again is LibreOffice's own doing.
"""

import sys

from lo_edit import connect, prop, save_as_word


def make(doc):
    text = doc.Text
    cursor = text.createTextCursor()
    text.insertString(cursor, "Item 2 (c) of the provisional agenda", False)
    agenda = doc.createInstance("com.sun.star.text.Footnote")
    agenda.Label = "*"
    text.insertTextContent(cursor, agenda, False)
    agenda.getText().setString("CTOC/COP/2022/1.")
    for words, note in (("First paragraph with a note", "References to Kosovo."),
                        ("Second paragraph with a note", "Key evidence on risks.")):
        text.insertControlCharacter(cursor, 0, False)  # PARAGRAPH_BREAK
        text.insertString(cursor, words, False)
        footnote = doc.createInstance("com.sun.star.text.Footnote")
        text.insertTextContent(cursor, footnote, False)
        footnote.getText().setString(note)
    doc.RecordChanges = True
    edited = footnote.getText().createTextCursor()
    edited.gotoStart(False)
    edited.goRight(len("Key evidence "), False)
    edited.goRight(2, True)
    edited.setString("of")


def main():
    target, profile = sys.argv[1:3]
    office, desktop = connect(profile)

    def made(desktop):
        doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0,
                                           (prop("Hidden", True),))
        make(doc)
        return doc

    save_as_word(office, desktop, made, target)


if __name__ == "__main__":
    main()

"""``reportgen merge``: what editors, reviewers and writers changed in a .docx, back
into the content store.

* :mod:`.units`: the Word file's paragraphs matched to the store texts they came from
  (by hidden bookmark, then by text), as the edited text of each;
* :mod:`.textpatch`: an edit of the printed text turned into an edit of the Markdown
  source, refusing edits of figures printed by facts and variables, merged three ways
  with changes the store had meanwhile;
* :mod:`.plan`: every change of a merge, by content file, with conflicts and comments;
* :mod:`.yamledit`: the changes written into the YAML files, all or none;
* :mod:`.page`: the page a writer reads before applying;
* :mod:`.command`: the whole merge, as the command runs it.
"""

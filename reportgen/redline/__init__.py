"""The redline: what changed in a report since an earlier version, compared passage by
passage (``compare``), read from a Markdown or Word baseline (``baseline``) and shown
as an HTML page (``html``) and a Word file with tracked changes (``docx``), in the
edition's own words (``words``)."""

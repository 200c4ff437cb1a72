"""Translation work on the store's language editions.

``fingerprints`` tells which translations are older than the original text they
translate; ``segments`` turns a text of the store into what a translation tool shows (its
sentences, with variables, calls and markup as placeholders) and back; ``xliff`` writes
and reads XLIFF 2.0 files; ``work`` gathers the units of a period for one language and
writes imported translations into the content files.
"""

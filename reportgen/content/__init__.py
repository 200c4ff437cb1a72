"""Stage 1: the content store — YAML files read, validated and held as typed models.

Nothing here knows about documents or formats: the stages after it (the document
model, the assemblers, the formats) read the store this package loads.
"""
